import { Effect } from "effect"
import type { ObservedState } from "../domain/observed.js"
import { Plan, type PlannedChange, WORKFLOW_CHECK_NOT_PERMITTED, WORKFLOW_CHECK_SKIPPED } from "../domain/plan.js"
import type { OpenProjectRequestError, Unauthenticated } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"
import type { AllowedStatus } from "../openproject/Results.js"
import { type CheckedChange, unchecked, verdictFor } from "../workflow/checkVerdict.js"
import type { RouteTable } from "../workflow/routes.js"
import { makeStatusIndex, type StatusIndex } from "./statusIndex.js"

/**
 * The dry-run's workflow check: each planned change (never an in-sync row) is put to OpenProject's form with
 * its lockVersion and target status, which writes nothing and says whether the change would be refused and
 * what is allowed instead (README §13). One form request per change, bounded in concurrency and sent through
 * the client's rate limiter and retries, which wait out the form's own 429 (RateLimit-Reset).
 */

export interface WorkflowCheckOptions {
  readonly concurrency: number
  readonly routes: RouteTable
}

const allowedNames = (allowed: ReadonlyArray<AllowedStatus>, statuses: StatusIndex) =>
  allowed.map((s) => s.title ?? statuses.byId(s.id)?.name ?? `status ${s.id}`)

const withChanges = (plan: Plan, changes: ReadonlyArray<PlannedChange>, warnings: ReadonlyArray<string>) =>
  new Plan({ ...plan, changes, warnings: [...plan.warnings, ...warnings] })

/**
 * The form answers only a user who may change the work package (README §7, §13): a read-only key, such as the
 * pull-request workflow's, gets 403. That is a fact about the key, not about the change, so it is said once.
 */
const NO_EDIT = WORKFLOW_CHECK_NOT_PERMITTED

const noEditWarning = (n: number) =>
  `the workflow was not checked for ${n} ${n === 1 ? "change" : "changes"}: ${NO_EDIT}. A read-only key plans ` +
  "but cannot check; check with a key whose role may change these statuses (the roles decide what the " +
  "workflow allows), or pass --no-workflow-check to say it is not wanted."

const uncheckedReason = (error: Exclude<OpenProjectRequestError, Unauthenticated>): string =>
  error._tag === "MissingPermission" ? NO_EDIT : `OpenProject's form could not be asked: ${error.message}`

/** Every change marked `unchecked` because the user asked not to check. */
export const skipWorkflowCheck = (plan: Plan): Plan =>
  withChanges(
    plan,
    plan.changes.map((c) => unchecked(c, WORKFLOW_CHECK_SKIPPED)),
    []
  )

/**
 * Checks every change of the plan. A check that fails (403, 404, a 5xx or a 429 that outlasted the retries)
 * leaves that change `unchecked` with the error's message; a 401 stops the run, as it does everywhere.
 */
export const checkWorkflow = (
  plan: Plan,
  observed: ObservedState,
  options: WorkflowCheckOptions
): Effect.Effect<Plan, Unauthenticated, OpenProject> =>
  Effect.gen(function* () {
    const op = yield* OpenProject
    const statuses = makeStatusIndex(observed.statuses)
    const checkOne = (change: PlannedChange): Effect.Effect<CheckedChange, Unauthenticated> =>
      op
        .checkTransition({ id: change.workPackageId, lockVersion: change.lockVersion, statusHref: change.toStatusHref })
        .pipe(
          Effect.map((answer) =>
            verdictFor(
              change,
              { refusal: answer.refusal?.message, allowed: allowedNames(answer.allowed, statuses) },
              {
                routes: options.routes,
                typeName: observed.workPackages.get(change.workPackageId)?.typeName,
                statusByName: statuses.byName
              }
            )
          ),
          Effect.catchIf(
            (e): e is Exclude<OpenProjectRequestError, Unauthenticated> => e._tag !== "Unauthenticated",
            (error) => Effect.succeed({ change: unchecked(change, uncheckedReason(error)), warnings: [] })
          )
        )
    const checked = yield* Effect.forEach(plan.changes, checkOne, { concurrency: options.concurrency })
    const forbidden = checked.filter((c) => c.change.check?.result === "unchecked" && c.change.check.reason === NO_EDIT)
    return withChanges(
      plan,
      checked.map((c) => c.change),
      [...checked.flatMap((c) => c.warnings), ...(forbidden.length === 0 ? [] : [noEditWarning(forbidden.length)])]
    )
  }).pipe(Effect.withSpan("reconcile.checkWorkflow"))
