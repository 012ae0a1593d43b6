import { describe, expect, it } from "@effect/vitest"
import { Either, Option } from "effect"
import { checkApplyGuards, checkMaxChanges, EmptyTrackingTable, TooManyChanges } from "../../src/reconcile/guards.js"
import { plan } from "../../src/reconcile/planner.js"
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

/** Three work packages in New; the table asks for all three to move, so the plan has three changes. */
const desired = desiredState([row(1, "Specified", 12), row(2, "Specified", 13), row(3, "In progress", 14)])
const observed = observedState(
  [workPackage(1, STATUS.New), workPackage(2, STATUS.New), workPackage(3, STATUS.New)],
  CANONICAL_STATUSES
)
const threeChanges = plan({ desired, observed, source: SOURCE, openProjectUrl: OP_URL, createdAt: CREATED_AT })

describe("checkApplyGuards", () => {
  it("lets a plan through with as many changes as --max-changes allows", () => {
    expect(threeChanges.changes).toHaveLength(3)
    expect(checkApplyGuards(desired, threeChanges, 3)).toStrictEqual(Either.void)
    expect(checkApplyGuards(desired, threeChanges, 25)).toStrictEqual(Either.void)
  })

  it("refuses more changes than --max-changes, and names the flag and the value that would pass", () => {
    const refused = checkApplyGuards(desired, threeChanges, 2)
    expect(refused).toStrictEqual(Either.left(new TooManyChanges({ changes: 3, maxChanges: 2 })))
    if (Either.isRight(refused)) return
    expect(refused.left.message).toContain("--max-changes 2")
    expect(refused.left.message).toContain("--max-changes 3")
    expect(refused.left.message).toContain("nothing was written")
  })

  it("refuses a table with no usable row, with the table's file and line, even when its plan is empty", () => {
    const empty = desiredState([], [skippedRow(11, "no bold state", 7)])
    const emptyPlan = plan({
      desired: empty,
      observed: observedState([], CANONICAL_STATUSES),
      source: SOURCE,
      openProjectUrl: OP_URL,
      createdAt: CREATED_AT
    })
    const refused = checkApplyGuards(empty, emptyPlan, 25)
    expect(refused).toStrictEqual(Either.left(new EmptyTrackingTable({ file: FILE, line: 10 })))
    if (Either.isRight(refused)) return
    expect(refused.left.message).toContain(`${FILE}:10`)
    expect(refused.left.message).toContain("op-reconcile validate")
  })

  it("checks the empty table before the change count", () => {
    const empty = desiredState([])
    expect(Either.getLeft(checkApplyGuards(empty, threeChanges, 0))._tag).toBe("Some")
    expect(checkApplyGuards(empty, threeChanges, 0)).toStrictEqual(
      Either.left(new EmptyTrackingTable({ file: FILE, line: 10 }))
    )
  })
})

describe("checkMaxChanges", () => {
  it("holds a saved plan to --max-changes alone", () => {
    expect(checkMaxChanges(threeChanges, 3)).toStrictEqual(Either.void)
    const refused = checkMaxChanges(threeChanges, 2)
    expect(Either.getLeft(refused)).toStrictEqual(Option.some(new TooManyChanges({ changes: 3, maxChanges: 2 })))
  })
})
