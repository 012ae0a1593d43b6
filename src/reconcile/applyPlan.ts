import { Effect, Either } from "effect"
import type { ObservedWorkPackage } from "../domain/observed.js"
import { ApplyReport, ApplySummary, ChangeResult, ItemError, type Outcome } from "../domain/outcome.js"
import type { Plan, PlannedChange } from "../domain/plan.js"
import { marksChange } from "../drift/marker.js"
import type { OpenProjectError, Unauthenticated } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"
import { type AuditContext, auditComment } from "./auditComment.js"
import { replanOne, savedChangeVerdict } from "./planner.js"

export interface ApplyOptions {
  readonly concurrency: number
  /** OpenProject's `notify`: false keeps a mass reconcile from e-mailing everyone. */
  readonly notify: boolean
  readonly comment: boolean
  readonly audit: AuditContext
  /**
   * `rebase` (a plan computed in this run): on a conflict, re-read and re-plan the item (RetryOnConflict).
   * `exact` (a saved plan): the planned lockVersion is a precondition; an item that moved is `stale`.
   */
  readonly onConflict: "rebase" | "exact"
  /** How many times one item is re-planned after a conflict before it is given up as failed. */
  readonly maxConflictRetries: number
}

type Settled = { readonly outcome: Outcome; readonly change: PlannedChange; readonly after?: ObservedWorkPackage }

// OpenProject's errors carry their remedy in the message (e.g. runbook §7 for a refused transition).
const itemError = (e: OpenProjectError): ItemError => new ItemError({ tag: e._tag, message: e.message })

/**
 * Executes a plan against OpenProject and returns an outcome per change. One item's terminal error
 * (422, 403, 404, exhausted retries) fails that item only; a 401 stops every write at once, because
 * no later request can succeed with the same key.
 */
export const applyPlan = (
  plan: Plan,
  options: ApplyOptions
): Effect.Effect<ApplyReport, Unauthenticated, OpenProject> =>
  Effect.gen(function* () {
    const op = yield* OpenProject

    const stopOn401 = <A>(
      effect: Effect.Effect<A, OpenProjectError>
    ): Effect.Effect<Either.Either<A, Exclude<OpenProjectError, Unauthenticated>>, Unauthenticated> =>
      effect.pipe(
        Effect.map(Either.right),
        Effect.catchIf(
          (e): e is Exclude<OpenProjectError, Unauthenticated> => e._tag !== "Unauthenticated",
          (e) => Effect.succeed(Either.left(e))
        )
      )

    /** The work package as it is now; decides what a conflict or a lost answer meant. */
    const settleFromCurrent = (
      change: PlannedChange,
      current: ObservedWorkPackage,
      attempt: number
    ): Effect.Effect<Settled | ItemError, Unauthenticated> => {
      const unchanged = Effect.succeed({ outcome: "unchanged", change, after: current } satisfies Settled)
      if (options.onConflict === "exact") {
        switch (savedChangeVerdict(change, current)) {
          case "AlreadyAtTarget":
            return unchanged
          case "Stale":
            return Effect.succeed({ outcome: "stale", change } satisfies Settled)
          case "Holds":
            return transition(change, attempt + 1)
        }
      }
      const rebased = replanOne(change, current)
      return rebased === "AlreadyAtTarget" ? unchanged : transition(rebased, attempt + 1)
    }

    const transition = (change: PlannedChange, attempt: number): Effect.Effect<Settled | ItemError, Unauthenticated> =>
      Effect.gen(function* () {
        if (attempt > options.maxConflictRetries) {
          return new ItemError({
            tag: "UpdateConflict",
            message: `wp#${change.workPackageId} kept changing while op-reconcile tried to update it (${attempt} conflicts).`,
            hint: "Someone or something is editing it right now; the next run will try again."
          })
        }
        const written = yield* stopOn401(
          op.setStatus({
            id: change.workPackageId,
            lockVersion: change.lockVersion,
            statusHref: change.toStatusHref,
            notify: options.notify
          })
        )
        if (Either.isRight(written)) return { outcome: "applied", change, after: written.right } satisfies Settled
        const error = written.left
        const wasLost = error._tag === "TransportError" && error.requestSent
        if (error._tag !== "UpdateConflict" && !wasLost) return itemError(error)
        // A conflict, or a write whose answer never came: look before writing again.
        const current = yield* stopOn401(op.workPackage(change.workPackageId))
        if (Either.isLeft(current)) return itemError(current.left)
        const now = current.right
        if (wasLost && now.statusId === change.toStatusId && now.lockVersion === change.lockVersion + 1) {
          // Our write landed; only its answer was lost.
          return { outcome: "applied", change, after: now } satisfies Settled
        }
        if (wasLost && now.lockVersion === change.lockVersion) {
          // Not applied: send it again, but a write that never gets an answer fails as what it is, not as a conflict.
          return attempt + 1 > options.maxConflictRetries ? itemError(error) : yield* transition(change, attempt + 1)
        }
        return yield* settleFromCurrent(change, now, attempt)
      })

    /** Posts the audit comment once; a lost answer is checked against the comments before posting again. */
    const comment = (
      change: PlannedChange,
      after: ObservedWorkPackage
    ): Effect.Effect<Array<string>, Unauthenticated> =>
      Effect.gen(function* () {
        const text = auditComment(change, options.audit, after.lockVersion)
        const posted = yield* stopOn401(op.addComment({ id: change.workPackageId, text, notify: options.notify }))
        if (Either.isRight(posted)) return []
        const error = posted.left
        if (error._tag === "TransportError" && error.requestSent) {
          const existing = yield* stopOn401(op.comments(change.workPackageId))
          // Unverifiable means it may be there: posting again could comment the transition twice.
          if (Either.isLeft(existing)) {
            return [
              `The status was changed, but whether its audit comment was posted is unknown: ${existing.left.message}`
            ]
          }
          if (existing.right.some((c) => marksChange(c, change.workPackageId, after.lockVersion))) return []
          const retried = yield* stopOn401(op.addComment({ id: change.workPackageId, text, notify: options.notify }))
          if (Either.isRight(retried)) return []
        }
        return [`The status was changed, but the audit comment could not be posted: ${error.message}`]
      })

    const applyOne = (change: PlannedChange): Effect.Effect<ChangeResult, Unauthenticated> =>
      Effect.gen(function* () {
        const settled = yield* transition(change, 0)
        if (settled instanceof ItemError) {
          return new ChangeResult({ ...resultFields(change), outcome: "failed", error: settled, warnings: [] })
        }
        const warnings =
          settled.outcome === "applied" && options.comment && settled.after !== undefined
            ? yield* comment(settled.change, settled.after)
            : []
        return new ChangeResult({ ...resultFields(settled.change), outcome: settled.outcome, warnings })
      })

    const results = yield* Effect.forEach(plan.changes, applyOne, { concurrency: options.concurrency })
    return new ApplyReport({
      formatVersion: 1,
      source: plan.source,
      openProjectUrl: plan.openProjectUrl,
      summary: summarize(results, plan),
      results,
      skipped: plan.skipped,
      blocked: plan.blocked
    })
  })

const resultFields = (change: PlannedChange) => ({
  workPackageId: change.workPackageId,
  subject: change.subject,
  from: change.from,
  to: change.to,
  line: change.line
})

const summarize = (results: ReadonlyArray<ChangeResult>, plan: Plan): ApplySummary => {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length
  return new ApplySummary({
    applied: count("applied"),
    unchanged: count("unchanged"),
    failed: count("failed"),
    stale: count("stale"),
    skipped: plan.skipped.length,
    blocked: plan.blocked.length
  })
}
