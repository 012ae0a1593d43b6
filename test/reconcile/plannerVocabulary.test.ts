import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import type { DesiredRow } from "../../src/domain/desired.js"
import { Status } from "../../src/domain/observed.js"
import { CANONICAL_STATES } from "../../src/domain/states.js"
import { makeVocabulary } from "../../src/domain/vocabulary.js"
import { plan } from "../../src/reconcile/planner.js"
import { CREATED_AT, desiredState, OP_URL, observedState, row, SOURCE, workPackage } from "./plannerFixtures.js"

/** OpenProject's German seed statuses (config/locales/crowdin/de.seeders.yml), a few of them. */
const de = (id: number, name: string) =>
  new Status({ id, name, isClosed: name === "Erledigt", href: `/api/v3/statuses/${id}` })
const NEU = de(1, "Neu")
const IN_BEARBEITUNG = de(7, "In Bearbeitung")
const ERLEDIGT = de(12, "Erledigt")
const GERMAN = [NEU, IN_BEARBEITUNG, ERLEDIGT]

const planWith = (
  states: Record<string, string>,
  rows: ReadonlyArray<DesiredRow>,
  wps: Parameters<typeof observedState>[0]
) =>
  plan({
    desired: desiredState(rows),
    observed: observedState(wps, GERMAN),
    source: SOURCE,
    openProjectUrl: OP_URL,
    createdAt: CREATED_AT,
    vocabulary: makeVocabulary({ states: [states] })
  })

describe("plan with a vocabulary (the config's states:)", () => {
  it("plans each word toward the status it maps to", () => {
    const result = planWith(
      { New: "Neu", "In progress": "In Bearbeitung", Closed: "Erledigt" },
      [row(1, "In progress", 10), row(2, "Closed", 11), row(3, "New", 12)],
      [workPackage(1, NEU), workPackage(2, ERLEDIGT), workPackage(3, NEU)]
    )
    expect(result.changes.map((c) => [c.workPackageId, c.from, c.to, c.toStatusId])).toEqual([
      [1, "Neu", "In Bearbeitung", 7]
    ])
    expect(result.inSync.map((i) => [i.workPackageId, i.state])).toEqual([
      [2, "Erledigt"],
      [3, "Neu"]
    ])
  })

  it("blocks a word whose mapped status this OpenProject lacks, naming the status, the word and the server's statuses", () => {
    const result = planWith({ Closed: "Geschlossen" }, [row(2, "Closed", 11)], [workPackage(2, NEU)])
    expect(result.blocked[0]).toMatchObject({
      workPackageId: 2,
      reason: "UnknownStatus",
      state: "Geschlossen",
      line: 11
    })
    expect(result.blocked[0]?.message).toBe(
      '"Geschlossen" (what **Closed** means through the config\'s states:) is not a status on this OpenProject ' +
        "(its statuses are: Neu, In Bearbeitung, Erledigt). Map Closed to one of them in states:, or add the status in OpenProject."
    )
  })

  it("an unmapped word means the status of the same name", () => {
    const result = planWith({}, [row(1, "New", 10)], [workPackage(1, NEU)])
    expect(result.blocked[0]).toMatchObject({ state: "New", reason: "UnknownStatus" })
  })

  const germanName = fc.constantFrom(...GERMAN.map((s) => s.name))
  test.prop([
    fc.dictionary(fc.constantFrom(...CANONICAL_STATES), germanName),
    fc.constantFrom(...CANONICAL_STATES),
    fc.constantFrom(...GERMAN)
  ])(
    "a mapped word is in sync exactly when the work package is at the mapped status, and otherwise changes to it",
    (states, word, current) => {
      const result = planWith(states, [row(5, word, 10)], [workPackage(5, current)])
      const mapped = states[word]
      if (mapped === undefined) expect(result.blocked.map((b) => b.state)).toEqual([word])
      else if (mapped === current.name) expect(result.inSync.map((i) => i.state)).toEqual([mapped])
      else expect(result.changes.map((c) => [c.from, c.to])).toEqual([[current.name, mapped]])
    }
  )
})
