import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Plan, PlannedChange } from "../../src/domain/plan.js"
import { makeVocabulary } from "../../src/domain/vocabulary.js"
import { plan } from "../../src/reconcile/planner.js"
import { checkSavedPlanAgainstDocument, SavedPlanMismatch } from "../../src/reconcile/savedPlanCheck.js"
import {
  CANONICAL_STATUSES,
  CREATED_AT,
  desiredState,
  FILE,
  OP_URL,
  observedState,
  row,
  SOURCE,
  STATUS,
  skippedRow,
  workPackage
} from "./plannerFixtures.js"

// wp#42 New → Closed (line 25), wp#43 New → In progress (line 26)
const rows = [row(42, "Closed", 25), row(43, "In progress", 26)]
const saved = plan({
  desired: desiredState(rows),
  observed: observedState([workPackage(42, STATUS.New), workPackage(43, STATUS.New)], CANONICAL_STATUSES),
  source: SOURCE,
  openProjectUrl: OP_URL,
  createdAt: CREATED_AT
})

const mismatchOf = (result: ReturnType<typeof checkSavedPlanAgainstDocument>): SavedPlanMismatch => {
  if (Either.isRight(result)) throw new Error("expected the saved plan to be refused")
  return result.left
}

describe("checkSavedPlanAgainstDocument", () => {
  it("names every mismatch at once, with the document, and says to make a new plan", () => {
    const edited = new Plan({
      ...saved,
      changes: saved.changes.map((c) => (c.workPackageId === 42 ? new PlannedChange({ ...c, workPackageId: 99 }) : c))
    })
    const now = desiredState([row(42, "Closed", 25), row(43, "Closed", 26)])
    const error = mismatchOf(
      checkSavedPlanAgainstDocument({ saved: edited, savedFile: "plan.json", desired: now, sha256: SOURCE.sha256 })
    )
    expect(error).toBeInstanceOf(SavedPlanMismatch)
    expect(error.message).toBe(
      `plan.json: the saved plan no longer follows from ${FILE}; nothing was written:\n` +
        `  wp#99: not in ${FILE}\n` +
        "  wp#43: the row at line 26 now asks for Closed, the saved plan says In progress\n" +
        "A saved plan is applied whole or not at all. Make a new plan with " +
        `\`op-reconcile reconcile --source ${FILE} --dry-run --out FILE\`, review it, and apply that.`
    )
  })

  it("a row that is skipped now (its bold state removed) does not carry a saved change", () => {
    const now = desiredState([row(42, "Closed", 25)], [skippedRow(26, "row 26 has no bold state", 43)])
    const error = mismatchOf(
      checkSavedPlanAgainstDocument({ saved, savedFile: "plan.json", desired: now, sha256: SOURCE.sha256 })
    )
    expect(error.mismatches.map((m) => [m.workPackageId, m.problem])).toEqual([
      [43, "the row at line 26 no longer asks for a state (it is skipped), the saved plan says In progress"]
    ])
  })

  it("compares states as the planner does: case and spacing do not matter", () => {
    const respelled = new Plan({
      ...saved,
      changes: saved.changes.map((c) => new PlannedChange({ ...c, to: c.to.toUpperCase().replace(" ", "  ") }))
    })
    const result = checkSavedPlanAgainstDocument({
      saved: respelled,
      savedFile: "plan.json",
      desired: desiredState(rows),
      sha256: SOURCE.sha256
    })
    expect(Either.isRight(result)).toBe(true)
  })

  it("maps the row's state to the status it asks for before comparing (a team's own status names)", () => {
    const german = new Plan({
      ...saved,
      changes: saved.changes.map(
        (c) => new PlannedChange({ ...c, to: c.to === "Closed" ? "Erledigt" : "In Bearbeitung" })
      )
    })
    const result = checkSavedPlanAgainstDocument({
      saved: german,
      savedFile: "plan.json",
      desired: desiredState(rows),
      sha256: SOURCE.sha256,
      vocabulary: makeVocabulary({ states: [{ Closed: "Erledigt", "In progress": "In Bearbeitung" }] })
    })
    expect(Either.isRight(result)).toBe(true)
  })

  it("a document whose other lines changed passes, with the rows' new lines, and says it changed", () => {
    const now = desiredState([row(7, "New", 20), row(42, "Closed", 27), row(43, "In progress", 28)])
    const result = checkSavedPlanAgainstDocument({
      saved,
      savedFile: "plan.json",
      desired: now,
      sha256: "ff".repeat(32)
    })
    expect(Either.isRight(result)).toBe(true)
    if (Either.isRight(result)) {
      expect(result.right.documentChanged).toBe(true)
      expect(result.right.changes.map((c) => [c.workPackageId, c.line])).toEqual([
        [42, 27],
        [43, 28]
      ])
    }
  })
})
