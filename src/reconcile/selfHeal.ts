import { BUILT } from "../domain/built.js"
import { Plan, PlanSummary } from "../domain/plan.js"

/**
 * The self-heal policy (Argo CD's `selfHeal`). On (the default, the runbook's rule "§10 wins"), an edit made
 * in OpenProject is reverted like any other change. Off, a work package whose plan row still asks for what
 * op-reconcile last set, but that someone changed since (`edited-in-openproject`), is left as they left it:
 * reported under `drift`, never written. `plan-changed` and `first-sync` are applied either way, and so is
 * `both-changed`: the plan is the newer intent.
 */
export const applySelfHealPolicy = (plan: Plan, selfHeal: boolean): Plan => {
  if (selfHeal) return plan
  const drift = plan.changes.filter((c) => c.cause === "edited-in-openproject")
  if (drift.length === 0) return plan
  const changes = plan.changes.filter((c) => c.cause !== "edited-in-openproject")
  return new Plan(
    {
      ...plan,
      changes,
      drift: [...plan.drift, ...drift],
      summary: new PlanSummary({ ...plan.summary, changes: changes.length, drift: plan.summary.drift + drift.length })
    },
    BUILT
  )
}
