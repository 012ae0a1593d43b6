import { Effect, Either } from "effect"
import { BUILT } from "../domain/built.js"
import type { ObservedState } from "../domain/observed.js"
import { Plan, type PlannedChange, WORKFLOW_CHECK_NOT_PERMITTED, WORKFLOW_CHECK_SKIPPED } from "../domain/plan.js"
import type { OpenProjectRequestError, Unauthenticated } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"
import type { AllowedStatus, TransitionCheck } from "../openproject/Results.js"
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
  new Plan({ ...plan, changes, warnings: [...plan.warnings, ...warnings] }, BUILT)

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

/** What the form said for each change asked about, keyed by formKey; a failure other than a 401 is kept. */
export type FormAnswers = ReadonlyMap<string, FormAnswer>
type FormAnswer = Either.Either<TransitionCheck, Exclude<OpenProjectRequestError, Unauthenticated>>

/** A form request is fully described by the work package, the lockVersion and the target status. */
const formKey = (change: PlannedChange) =>
  `${change.workPackageId}\u0000${change.lockVersion}\u0000${change.toStatusHref}`

/**
 * Puts each change to OpenProject's form (once per distinct request), bounded in concurrency. Only the
 * requests: what the answers mean is judgeWorkflow's, so the requests may be sent while the causes are read.
 */
export const askWorkflow = (
  changes: ReadonlyArray<PlannedChange>,
  options: { readonly concurrency: number }
): Effect.Effect<FormAnswers, Unauthenticated, OpenProject> =>
  Effect.gen(function* () {
    const op = yield* OpenProject
    const distinct = [...new Map(changes.map((c) => [formKey(c), c] as const)).entries()]
    const answers = yield* Effect.forEach(
      distinct,
      ([key, change]) =>
        op
          .checkTransition({
            id: change.workPackageId,
            lockVersion: change.lockVersion,
            statusHref: change.toStatusHref
          })
          .pipe(
            Effect.map((answer): readonly [string, FormAnswer] => [key, Either.right(answer)]),
            Effect.catchIf(
              (e): e is Exclude<OpenProjectRequestError, Unauthenticated> => e._tag !== "Unauthenticated",
              (error) => Effect.succeed<readonly [string, FormAnswer]>([key, Either.left(error)])
            )
          ),
      { concurrency: options.concurrency }
    )
    return new Map(answers)
  })

/**
 * The plan with every change judged by the form's answer (asked by askWorkflow for at least these changes).
 * A check that failed (403, 404, a 5xx or a 429 that outlasted the retries) leaves that change `unchecked` with
 * the error's message. Pure.
 */
export const judgeWorkflow = (plan: Plan, observed: ObservedState, routes: RouteTable, answers: FormAnswers): Plan => {
  const statuses = makeStatusIndex(observed.statuses)
  const checked = plan.changes.map((change): CheckedChange => {
    const answer = answers.get(formKey(change))
    if (answer === undefined) return { change: unchecked(change, "OpenProject's form was not asked"), warnings: [] }
    if (Either.isLeft(answer)) return { change: unchecked(change, uncheckedReason(answer.left)), warnings: [] }
    return verdictFor(
      change,
      { refusal: answer.right.refusal?.message, allowed: allowedNames(answer.right.allowed, statuses) },
      {
        routes,
        typeName: observed.workPackages.get(change.workPackageId)?.typeName,
        statusByName: statuses.byName
      }
    )
  })
  const forbidden = checked.filter((c) => c.change.check?.result === "unchecked" && c.change.check.reason === NO_EDIT)
  return withChanges(
    plan,
    checked.map((c) => c.change),
    [...checked.flatMap((c) => c.warnings), ...(forbidden.length === 0 ? [] : [noEditWarning(forbidden.length)])]
  )
}

/**
 * Checks every change of the plan. A check that fails (403, 404, a 5xx or a 429 that outlasted the retries)
 * leaves that change `unchecked` with the error's message; a 401 stops the run, as it does everywhere.
 */
export const checkWorkflow = (
  plan: Plan,
  observed: ObservedState,
  options: WorkflowCheckOptions
): Effect.Effect<Plan, Unauthenticated, OpenProject> =>
  askWorkflow(plan.changes, options).pipe(
    Effect.map((answers) => judgeWorkflow(plan, observed, options.routes, answers)),
    Effect.withSpan("reconcile.checkWorkflow")
  )
