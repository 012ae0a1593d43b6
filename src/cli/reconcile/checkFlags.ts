import { Effect, Either, Option } from "effect"
import { parseTarget } from "../../reconcile/targets.js"
import { UsageError } from "../commandLine/UsageError.js"
import type { ReconcileOptions } from "../reconcile.js"

const conflict = (problem: string) => new UsageError({ problem, command: "reconcile" })

/** Flags that exclude each other are refused before anything is read. */
export const checkFlags = (o: ReconcileOptions): Effect.Effect<void, UsageError> => {
  if (o.apply && o.dryRun) return conflict("--apply and --dry-run exclude each other: choose one.")
  if (Option.isSome(o.plan) && !o.apply) {
    return conflict("--plan applies a saved plan, so it needs --apply (a dry-run always plans afresh).")
  }
  if (o.apply && o.githubComment) {
    return conflict("--github-comment posts a dry-run plan on a pull request; it does not go with --apply.")
  }
  if (o.noWorkflowCheck && o.failOnRefused) {
    return conflict("--fail-on-refused needs the workflow check, which --no-workflow-check turns off: choose one.")
  }
  if (o.noWorkflowCheck && o.route.length > 0) {
    return conflict(
      "--route is taken only where the workflow check finds the direct transition refused, which " +
        "--no-workflow-check turns off: drop one of them."
    )
  }
  if (Option.isSome(o.plan) && o.route.length > 0) {
    return conflict(
      "--plan applies a saved plan exactly as it was made, routes included; --route goes with a new plan."
    )
  }
  if (Option.isSome(o.plan) && o.target.length > 0) {
    return conflict(
      "--plan applies a saved plan exactly as it was made, its targets included (the plan records them); " +
        "--target goes with a new plan (reconcile --dry-run --target wp#NN --out FILE)."
    )
  }
  for (const target of o.target) {
    const parsed = parseTarget(target)
    if (Either.isLeft(parsed)) return conflict(`${parsed.left}.`)
  }
  if (o.selfHeal && o.noSelfHeal) return conflict("--self-heal and --no-self-heal exclude each other: choose one.")
  return Effect.void
}
