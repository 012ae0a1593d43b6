import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect } from "vitest"
import { DesiredRow } from "../../src/domain/desired.js"
import { Plan, PlannedChange } from "../../src/domain/plan.js"
import { CANONICAL_STATES } from "../../src/domain/states.js"
import { plan } from "../../src/reconcile/planner.js"
import { checkSavedPlanAgainstDocument } from "../../src/reconcile/savedPlanCheck.js"
import {
  CANONICAL_STATUSES,
  CREATED_AT,
  desiredState,
  FILE,
  OP_URL,
  observedState,
  SOURCE,
  STATUS,
  workPackage
} from "./plannerFixtures.js"

/** A document's rows (one per work package) and what OpenProject shows for each. */
const scenarioArb = fc
  .uniqueArray(
    fc.record({
      workPackageId: fc.integer({ min: 1, max: 60 }),
      state: fc.constantFrom(...CANONICAL_STATES),
      current: fc.constantFrom(...CANONICAL_STATES),
      lockVersion: fc.nat(20)
    }),
    { selector: (r) => r.workPackageId, minLength: 1, maxLength: 25 }
  )
  .map((rows) => ({
    rows: rows.map(
      (r, i) =>
        new DesiredRow({
          workPackageId: r.workPackageId,
          state: r.state,
          qualifiers: [],
          note: "",
          label: "",
          line: 12 + i,
          column: 3
        })
    ),
    observed: observedState(
      rows.map((r) => workPackage(r.workPackageId, STATUS[r.current], r.lockVersion)),
      CANONICAL_STATUSES
    )
  }))

type Scenario = typeof scenarioArb extends fc.Arbitrary<infer S> ? S : never

const planOf = (s: Scenario): Plan =>
  plan({
    desired: desiredState(s.rows),
    observed: s.observed,
    source: SOURCE,
    openProjectUrl: OP_URL,
    createdAt: CREATED_AT
  })

/** Scenarios whose plan has at least one change to tamper with. */
const withChangesArb = scenarioArb.filter((s) => planOf(s).changes.length > 0)

const check = (saved: Plan, rows: ReadonlyArray<DesiredRow>, sha256 = SOURCE.sha256) =>
  checkSavedPlanAgainstDocument({ saved, savedFile: "plan.json", desired: desiredState(rows), sha256 })

describe("checkSavedPlanAgainstDocument (properties)", () => {
  test.prop([scenarioArb])("a plan made from a document always follows from it, change for change", (s) => {
    const saved = planOf(s)
    const verdict = check(saved, s.rows)
    expect(Either.isRight(verdict)).toBe(true)
    if (Either.isRight(verdict)) {
      expect(verdict.right.changes).toEqual(saved.changes)
      expect(verdict.right.documentChanged).toBe(false)
    }
  })

  test.prop([withChangesArb, fc.nat(), fc.integer({ min: 100, max: 10_000 })])(
    "a change retargeted at a work package the document does not name refuses the whole plan, naming it",
    (s, pick, stranger) => {
      const saved = planOf(s)
      const index = pick % saved.changes.length
      const changes = saved.changes.map((c, i) =>
        i === index ? new PlannedChange({ ...c, workPackageId: stranger }) : c
      )
      const verdict = check(new Plan({ ...saved, changes }), s.rows)
      expect(Either.isLeft(verdict)).toBe(true)
      if (Either.isLeft(verdict)) {
        expect(verdict.left.mismatches).toEqual([
          expect.objectContaining({ workPackageId: stranger, problem: `not in ${FILE}` })
        ])
        expect(verdict.left.message).toContain(`wp#${stranger}: not in ${FILE}`)
        expect(verdict.left.message).toContain("nothing was written")
      }
    }
  )

  test.prop([withChangesArb, fc.nat(), fc.constantFrom(...CANONICAL_STATES)])(
    "a row that now asks for another state refuses the plan, naming the line and both states",
    (s, pick, other) => {
      const saved = planOf(s)
      const change = saved.changes[pick % saved.changes.length]
      if (change === undefined || other === change.to) return
      const rows = s.rows.map((r) =>
        r.workPackageId === change.workPackageId ? new DesiredRow({ ...r, state: other }) : r
      )
      const verdict = check(saved, rows)
      expect(Either.isLeft(verdict)).toBe(true)
      if (Either.isLeft(verdict)) {
        expect(verdict.left.mismatches.map((m) => m.workPackageId)).toEqual([change.workPackageId])
        expect(verdict.left.message).toContain(
          `wp#${change.workPackageId}: the row at line ${change.line} now asks for ${other}, the saved plan says ${change.to}`
        )
      }
    }
  )

  test.prop([scenarioArb, fc.integer({ min: 1, max: 30 })])(
    "other lines changing (rows moved down, a new row) is fine: the changes follow the rows, the change is noticed",
    (s, shift) => {
      const saved = planOf(s)
      const moved = [
        new DesiredRow({ workPackageId: 999, state: "New", qualifiers: [], note: "", label: "", line: 11, column: 3 }),
        ...s.rows.map((r) => new DesiredRow({ ...r, line: r.line + shift }))
      ]
      const verdict = check(saved, moved, "cd".repeat(32))
      expect(Either.isRight(verdict)).toBe(true)
      if (Either.isRight(verdict)) {
        expect(verdict.right.documentChanged).toBe(true)
        expect(verdict.right.changes.map((c) => [c.workPackageId, c.to, c.lockVersion, c.line])).toEqual(
          saved.changes.map((c) => [c.workPackageId, c.to, c.lockVersion, c.line + shift])
        )
      }
    }
  )
})
