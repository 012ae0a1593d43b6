import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { PlannedChange } from "../../src/domain/plan.js"
import { checkMaxChanges } from "../../src/reconcile/guards.js"
import { applySelfHealPolicy } from "../../src/reconcile/selfHeal.js"
import { planOf } from "./selfHealFixtures.js"

const change = (id: number, cause: PlannedChange["cause"]) =>
  new PlannedChange({
    workPackageId: id,
    subject: `WP ${id}`,
    from: "In testing",
    fromStatusId: 5,
    to: "In progress",
    toStatusId: 4,
    toStatusHref: "/api/v3/statuses/4",
    lockVersion: 3,
    source: "PLAN.md",
    line: 10 + id,
    column: 3,
    ...(cause === undefined ? {} : { cause }),
    ...(cause === "edited-in-openproject" || cause === "both-changed"
      ? { changedBy: "Pat Operator", changedAt: "2026-12-01T10:02:00Z" }
      : {})
  })

const plan = planOf([
  change(1, "edited-in-openproject"),
  change(2, "plan-changed"),
  change(3, "both-changed"),
  change(4, "first-sync"),
  change(5, undefined)
])

describe("the self-heal policy", () => {
  it("on: every change stays a change", () => {
    expect(applySelfHealPolicy(plan, true)).toBe(plan)
  })

  it("off: only edits made in OpenProject under an unchanged plan row become drift, with their fields", () => {
    const healed = applySelfHealPolicy(plan, false)
    expect(healed.changes.map((c) => c.workPackageId)).toEqual([2, 3, 4, 5])
    expect(healed.drift).toEqual([change(1, "edited-in-openproject")])
    expect(healed.summary).toMatchObject({ changes: 4, drift: 1 })
  })

  it("the mass-edit guard counts what would be written and explains it", () => {
    const refused = checkMaxChanges(plan, 2)
    expect(Either.isLeft(refused) && refused.left.message).toBe(
      "the plan would transition 5 work packages, more than --max-changes 2 allows; nothing was written. " +
        "1 of 5 revert edits by Pat Operator at 10:02 UTC; 1 follow plan changes over edits by Pat Operator at 10:02 UTC; " +
        "1 is a plan change; 1 is a first sync. If that edit in OpenProject was meant, update the plan to match it " +
        "first (then there is nothing to revert). If it was not, rerun with --max-changes 5 to restore the plan."
    )
    expect(Either.isRight(checkMaxChanges(applySelfHealPolicy(plan, false), 4))).toBe(true)
  })
})
