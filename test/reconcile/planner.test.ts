import { describe, expect, it } from "@effect/vitest"
import { ObservedWorkPackage, Status } from "../../src/domain/observed.js"
import { PlannedChange } from "../../src/domain/plan.js"
import { plan, replanOne, savedChangeVerdict } from "../../src/reconcile/planner.js"
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

const planOf = (
  desired: ReturnType<typeof desiredState>,
  observed: ReturnType<typeof observedState>,
  commit?: string
) =>
  plan({
    desired,
    observed,
    source: SOURCE,
    openProjectUrl: OP_URL,
    createdAt: CREATED_AT,
    ...(commit === undefined ? {} : { commit })
  })

describe("plan", () => {
  it("turns a drifted row into a change carrying the observed lockVersion as precondition", () => {
    const result = planOf(
      desiredState([row(44, "New", 14)]),
      observedState([workPackage(44, STATUS["In progress"], 7, "Buy boost checkout")], CANONICAL_STATUSES),
      "0123abc"
    )
    expect(result.changes).toEqual([
      new PlannedChange({
        workPackageId: 44,
        subject: "Buy boost checkout",
        from: "In progress",
        fromStatusId: 4,
        to: "New",
        toStatusId: 2,
        toStatusHref: "/api/v3/statuses/2",
        lockVersion: 7,
        source: SOURCE.path,
        line: 14,
        column: 24
      })
    ])
    expect(result.summary).toMatchObject({ changes: 1, inSync: 0, skipped: 0, blocked: 0 })
    expect(result.commit).toBe("0123abc")
    expect(result.sources).toEqual([SOURCE])
    expect(result.formatVersion).toBe(2)
  })

  it("matches status names case- and whitespace-insensitively and uses the server's spelling", () => {
    const doing = new Status({ id: 40, name: "  in   PROGRESS ", isClosed: false, href: "/op/api/v3/statuses/40" })
    const result = planOf(
      desiredState([row(1, "In progress", 12), row(2, "In progress", 13)]),
      observedState([workPackage(1, STATUS.New), workPackage(2, doing)], [STATUS.New, doing])
    )
    expect(result.changes.map((c) => [c.workPackageId, c.to, c.toStatusId, c.toStatusHref])).toEqual([
      [1, "  in   PROGRESS ", 40, "/op/api/v3/statuses/40"]
    ])
    expect(result.inSync.map((i) => [i.workPackageId, i.state])).toEqual([[2, "  in   PROGRESS "]])
  })

  it("blocks a work package the server did not return, naming the shared 404", () => {
    const result = planOf(desiredState([row(99, "Closed", 20)]), observedState([], CANONICAL_STATUSES))
    expect(result.changes).toEqual([])
    expect(result.blocked).toHaveLength(1)
    expect(result.blocked[0]).toMatchObject({
      workPackageId: 99,
      state: "Closed",
      reason: "WorkPackageNotFound",
      line: 20
    })
    expect(result.blocked[0]?.message).toContain(
      "wp#99 does not exist or is not visible to this API user (OpenProject answers both with the same 404)"
    )
  })

  it("blocks a state the server has no status for, listing the server's statuses and the way out", () => {
    const statuses = [STATUS.New, new Status({ id: 9, name: "Doing", isClosed: false, href: "/api/v3/statuses/9" })]
    const result = planOf(
      desiredState([row(5, "In progress", 15)]),
      observedState([workPackage(5, STATUS.New)], statuses)
    )
    expect(result.blocked[0]).toMatchObject({ workPackageId: 5, reason: "UnknownStatus", state: "In progress" })
    const message = result.blocked[0]?.message ?? ""
    expect(message).toContain('"In progress" is not a status on this OpenProject')
    expect(message).toContain("its statuses are: New, Doing")
    expect(message).not.toContain("runbook")
    expect(message).toContain("states:")
  })

  it("reports a missing work package before an unknown status", () => {
    const result = planOf(desiredState([row(5, "On hold", 15)]), observedState([], [STATUS.New]))
    expect(result.blocked.map((b) => b.reason)).toEqual(["WorkPackageNotFound"])
  })

  it("carries skipped rows through, sorted by line, each as a file:line warning", () => {
    const result = planOf(
      desiredState(
        [row(1, "New", 30)],
        [skippedRow(22, "no bold state in the Status cell", 8), skippedRow(18, "no work package reference")]
      ),
      observedState([workPackage(1, STATUS.New)], CANONICAL_STATUSES)
    )
    expect(result.skipped.map((s) => [s.line, s.workPackageId])).toEqual([
      [18, undefined],
      [22, 8]
    ])
    expect(result.warnings).toEqual([
      `${FILE}:18: no work package reference`,
      `${FILE}:22: no bold state in the Status cell`
    ])
    expect(result.summary).toMatchObject({ changes: 0, inSync: 1, skipped: 2, blocked: 0 })
  })

  it("orders every list by source line whatever the row order", () => {
    const result = planOf(
      desiredState([row(3, "New", 40), row(1, "Closed", 12), row(2, "New", 25)]),
      observedState(
        [1, 2, 3].map((id) => workPackage(id, STATUS.Backlog)),
        CANONICAL_STATUSES
      )
    )
    expect(result.changes.map((c) => c.line)).toEqual([12, 25, 40])
  })

  it("plans a work package listed twice with the same state once, and says so", () => {
    const result = planOf(
      desiredState([row(7, "Closed", 31), row(7, "Closed", 17)]),
      observedState([workPackage(7, STATUS.New)], CANONICAL_STATUSES)
    )
    expect(result.changes.map((c) => c.line)).toEqual([17])
    expect(result.warnings).toEqual([
      `${FILE}:31: wp#7 is already listed at line 17; planned once from that row. Keep one row per work package.`
    ])
    // the later row is skipped as a duplicate, so it reaches every output the way a skipped row does
    expect(result.skipped).toEqual([expect.objectContaining({ reason: "DuplicateRow", line: 31, workPackageId: 7 })])
    expect(result.summary.skipped).toBe(1)
  })
})

describe("replanOne", () => {
  const planned = new PlannedChange({
    workPackageId: 44,
    subject: "Checkout",
    from: "In progress",
    fromStatusId: 4,
    to: "New",
    toStatusId: 2,
    toStatusHref: "/api/v3/statuses/2",
    lockVersion: 7,
    source: FILE,
    line: 14,
    column: 24
  })
  const reread = (statusId: number, statusName: string, lockVersion: number) =>
    new ObservedWorkPackage({ id: 44, subject: "Checkout (renamed)", lockVersion, statusId, statusName })

  it("says AlreadyAtTarget when someone else made the same transition", () => {
    expect(replanOne(planned, reread(2, "New", 8))).toBe("AlreadyAtTarget")
  })

  it("rebases the change onto the new status and lockVersion, keeping target and source line", () => {
    const rebased = replanOne(planned, reread(7, "On hold", 9))
    expect(rebased).toEqual(
      new PlannedChange({ ...planned, subject: "Checkout (renamed)", from: "On hold", fromStatusId: 7, lockVersion: 9 })
    )
  })
})

describe("savedChangeVerdict", () => {
  const planned = new PlannedChange({
    workPackageId: 1,
    subject: "s",
    from: "New",
    fromStatusId: 2,
    to: "Closed",
    toStatusId: 6,
    toStatusHref: "/api/v3/statuses/6",
    lockVersion: 3,
    source: FILE,
    line: 1,
    column: 1
  })
  const current = (statusId: number, lockVersion: number) =>
    new ObservedWorkPackage({ id: 1, subject: "s", lockVersion, statusId, statusName: "x" })

  it("holds while nobody touched the work package", () => {
    expect(savedChangeVerdict(planned, current(2, 3))).toBe("Holds")
  })
  it("is stale once the lockVersion moved", () => {
    expect(savedChangeVerdict(planned, current(2, 4))).toBe("Stale")
  })
  it("is AlreadyAtTarget when the work package reached the target meanwhile", () => {
    expect(savedChangeVerdict(planned, current(6, 5))).toBe("AlreadyAtTarget")
  })
})
