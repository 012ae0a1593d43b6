import { Effect, Either, Ref } from "effect"
import { BUILT } from "../domain/built.js"
import { ObservedWorkPackage, type Status } from "../domain/observed.js"
import { ApplyReport, ApplySummary, ChangeResult, ItemError, type Outcome } from "../domain/outcome.js"
import { type Plan, PlannedChange } from "../domain/plan.js"
import { marksChange } from "../drift/marker.js"
import type { OpenProjectError, Unauthenticated } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"
import { Progress } from "../progress/Progress.js"
import { hopRefusedMessage, refusalRemedy, routeText } from "../workflow/remedy.js"
import { type AuditContext, type AuditWalk, auditComment } from "./auditComment.js"
import { replanOne, savedChangeVerdict } from "./planner.js"
import { makeStatusIndex } from "./statusIndex.js"

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
  /** The server's statuses, when the caller has them; otherwise read once if a route needs them. */
  readonly statuses?: ReadonlyArray<Status> | undefined
}

type Settled = {
  readonly outcome: Outcome
  readonly change: PlannedChange
  readonly after?: ObservedWorkPackage
  /** Statuses set by this walk, in order (for the audit comment and the report). */
  readonly moved: ReadonlyArray<string>
  /** What the user should know about this outcome (for a stale item: what moved). */
  readonly note?: string
}

/** A saved change whose work package moved since the plan was made: what moved, and what to do next. */
export const staleNote = (change: PlannedChange, current: ObservedWorkPackage): string => {
  const moved = [
    ...(current.statusId === change.fromStatusId ? [] : [`its status is ${current.statusName}, not ${change.from}`]),
    ...(current.lockVersion === change.lockVersion
      ? []
      : [`its lockVersion is ${current.lockVersion}, not ${change.lockVersion} (it was edited)`])
  ]
  return (
    `wp#${change.workPackageId} moved in OpenProject since the plan was made: ${moved.join("; ")}. It was not ` +
    "written. Make a new plan (reconcile --dry-run --out FILE), review it and apply that, or plan and apply " +
    "afresh with reconcile --apply."
  )
}

/** An item that failed; `moved` is what it set before it failed (a route refused half-way). */
type Failed = { readonly error: ItemError; readonly moved: ReadonlyArray<string>; readonly after?: ObservedWorkPackage }

/** One status to set: its name, id and href as the server gave them. */
interface Hop {
  readonly name: string
  readonly id: number
  readonly href: string
}

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

    // The statuses a route passes through are resolved by name once, only when a plan has a route.
    const statusList =
      options.statuses === undefined ? yield* Effect.cached(op.statuses()) : Effect.succeed(options.statuses)

    /** The statuses a change sets, in order; the last one is always the planned target. */
    const hopsFor = (change: PlannedChange): Effect.Effect<ReadonlyArray<Hop> | ItemError, Unauthenticated> =>
      Effect.gen(function* () {
        const target: Hop = { name: change.to, id: change.toStatusId, href: change.toStatusHref }
        if (change.route === undefined || change.route.length === 1) return [target]
        const listed = yield* stopOn401(statusList)
        if (Either.isLeft(listed)) return itemError(listed.left)
        const index = makeStatusIndex(listed.right)
        const via: Array<Hop> = []
        for (const name of change.route.slice(0, -1)) {
          const status = index.byName(name)
          if (status === undefined) {
            return new ItemError({
              tag: "UnknownStatus",
              message: `wp#${change.workPackageId}: the route ${routeText(change)} passes through "${name}", which this OpenProject does not have; nothing was written.`,
              hint: "Make a new plan with the route written in OpenProject's status names."
            })
          }
          via.push({ name: status.name, id: status.id, href: status.href })
        }
        return [...via, target]
      })

    /** The statuses OpenProject allows from where the work package is, for a refusal's remedy. */
    const allowedNow = (change: PlannedChange, at: ObservedWorkPackage, hop: Hop, hopsDone: number) =>
      Effect.gen(function* () {
        if (hopsDone === 0 && change.check?.result === "refused" && at.statusId === change.fromStatusId) {
          return change.check.allowed
        }
        const asked = yield* stopOn401(
          op.checkTransition({ id: change.workPackageId, lockVersion: at.lockVersion, statusHref: hop.href })
        )
        return Either.isRight(asked) ? asked.right.allowed.map((s) => s.title ?? `status ${s.id}`) : undefined
      })

    const refused = (
      change: PlannedChange,
      at: ObservedWorkPackage,
      hop: Hop,
      moved: ReadonlyArray<string>,
      serverMessage: string
    ): Effect.Effect<Failed, Unauthenticated> =>
      Effect.gen(function* () {
        const allowed = yield* allowedNow(change, at, hop, moved.length)
        const routed = change.route !== undefined && change.route.length > 1
        const message = routed
          ? hopRefusedMessage(change, at.statusName, hop.name, moved.length, serverMessage)
          : `wp#${change.workPackageId}: OpenProject's workflow refused ${at.statusName} → ${hop.name} (422). OpenProject said: "${serverMessage}"`
        const hint =
          allowed === undefined
            ? "Allow the transition in OpenProject (Administration → Work packages → Workflow, for this type and role), route it with --route, or change the plan."
            : refusalRemedy(at.statusName, hop.name, allowed)
        return { error: new ItemError({ tag: "TransitionRefused", message, hint }), moved, after: at }
      })

    /**
     * Sets the hops from `position` on, each PATCH with the lockVersion the previous answer returned. A
     * conflict or a lost answer re-reads the work package and goes on from where it stands.
     */
    const walk = (
      change: PlannedChange,
      hops: ReadonlyArray<Hop>,
      state: { readonly position: number; readonly at: ObservedWorkPackage; readonly moved: ReadonlyArray<string> },
      attempt: number
    ): Effect.Effect<Settled | Failed, Unauthenticated> =>
      Effect.gen(function* () {
        const hop = hops[state.position]
        if (hop === undefined) {
          return {
            outcome: state.moved.length > 0 ? "applied" : "unchanged",
            change,
            after: state.at,
            moved: state.moved
          } satisfies Settled
        }
        if (attempt > options.maxConflictRetries) {
          return {
            error: new ItemError({
              tag: "UpdateConflict",
              message: `wp#${change.workPackageId} kept changing while op-reconcile tried to update it (${attempt} conflicts).`,
              hint: "Someone or something is editing it right now; the next run will try again."
            }),
            moved: state.moved
          } satisfies Failed
        }
        const lockVersion = state.at.lockVersion
        const written = yield* stopOn401(
          op.setStatus({ id: change.workPackageId, lockVersion, statusHref: hop.href, notify: options.notify })
        )
        if (Either.isRight(written)) {
          return yield* walk(
            change,
            hops,
            { position: state.position + 1, at: written.right, moved: [...state.moved, hop.name] },
            attempt
          )
        }
        const error = written.left
        if (error._tag === "TransitionRefused")
          return yield* refused(change, state.at, hop, state.moved, error.serverMessage)
        const wasLost = error._tag === "TransportError" && error.requestSent
        if (error._tag !== "UpdateConflict" && !wasLost) return { error: itemError(error), moved: state.moved }
        // A conflict, or a write whose answer never came: look before writing again.
        const current = yield* stopOn401(op.workPackage(change.workPackageId))
        if (Either.isLeft(current)) return { error: itemError(current.left), moved: state.moved }
        const now = current.right
        if (wasLost && now.statusId === hop.id && now.lockVersion === lockVersion + 1) {
          // Our write landed; only its answer was lost.
          return yield* walk(
            change,
            hops,
            { position: state.position + 1, at: now, moved: [...state.moved, hop.name] },
            attempt
          )
        }
        if (wasLost && now.lockVersion === lockVersion) {
          // Not applied: send it again, but a write that never gets an answer fails as what it is, not as a conflict.
          return attempt + 1 > options.maxConflictRetries
            ? { error: itemError(error), moved: state.moved }
            : yield* walk(change, hops, { ...state, at: now }, attempt + 1)
        }
        return yield* settleFromCurrent(change, hops, { ...state, at: now }, attempt)
      })

    /** The work package moved under us: decide from where it is now what is left to do. */
    const settleFromCurrent = (
      change: PlannedChange,
      hops: ReadonlyArray<Hop>,
      state: { readonly position: number; readonly at: ObservedWorkPackage; readonly moved: ReadonlyArray<string> },
      attempt: number
    ): Effect.Effect<Settled | Failed, Unauthenticated> => {
      const now = state.at
      const finished = { ...state, position: hops.length }
      if (now.statusId === change.toStatusId) return walk(change, hops, finished, attempt)
      // A saved plan's precondition: before its first write, an item someone else moved is stale.
      if (options.onConflict === "exact" && state.moved.length === 0) {
        if (savedChangeVerdict(change, now) === "Stale") {
          return Effect.succeed({ outcome: "stale", change, moved: [], note: staleNote(change, now) } satisfies Settled)
        }
        return walk(change, hops, { ...state, position: 0 }, attempt + 1)
      }
      const onRoute = hops.findIndex((h) => h.id === now.statusId)
      if (onRoute >= 0) return walk(change, hops, { ...state, position: onRoute + 1 }, attempt + 1)
      if (now.statusId === change.fromStatusId) return walk(change, hops, { ...state, position: 0 }, attempt + 1)
      // Somewhere off the route: the change now starts from there, directly to the target.
      const rebased = replanOne(change, now)
      if (rebased === "AlreadyAtTarget") return walk(change, hops, finished, attempt)
      const target = hops[hops.length - 1]
      const direct = new PlannedChange({ ...rebased, route: undefined, check: undefined })
      return target === undefined
        ? walk(change, hops, finished, attempt)
        : walk(direct, [target], { position: 0, at: now, moved: state.moved }, attempt + 1)
    }
    /** Posts the audit comment once; a lost answer is checked against the comments before posting again. */
    const comment = (
      change: PlannedChange,
      after: ObservedWorkPackage,
      walked: AuditWalk
    ): Effect.Effect<Array<string>, Unauthenticated> =>
      Effect.gen(function* () {
        const text = auditComment(change, options.audit, after.lockVersion, walked)
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

    const planned = (change: PlannedChange): ObservedWorkPackage =>
      new ObservedWorkPackage({
        id: change.workPackageId,
        subject: change.subject,
        lockVersion: change.lockVersion,
        statusId: change.fromStatusId,
        statusName: change.from
      })

    const applyOne = (change: PlannedChange): Effect.Effect<ChangeResult, Unauthenticated> =>
      Effect.gen(function* () {
        const hops = yield* hopsFor(change)
        if (hops instanceof ItemError) {
          return new ChangeResult({ ...resultFields(change), outcome: "failed", error: hops, warnings: [] }, BUILT)
        }
        const settled = yield* walk(change, hops, { position: 0, at: planned(change), moved: [] }, 0)
        // One audit comment per item, after its last step: also when a route stopped half-way, since the
        // status did change and the work package's history must say why.
        const walked: AuditWalk = {
          moved: settled.moved,
          complete: !("error" in settled),
          reachedStatusId: settled.after?.statusId ?? change.toStatusId
        }
        const commented = (after: ObservedWorkPackage | undefined, done: PlannedChange) =>
          options.comment && after !== undefined && settled.moved.length > 0
            ? comment(done, after, walked)
            : Effect.succeed([])
        if ("error" in settled) {
          const warnings = yield* commented(settled.after, change)
          return new ChangeResult({ ...resultFields(change), outcome: "failed", error: settled.error, warnings }, BUILT)
        }
        const warnings =
          settled.outcome === "applied"
            ? yield* commented(settled.after, settled.change)
            : settled.note === undefined
              ? []
              : [settled.note]
        return new ChangeResult({ ...resultFields(settled.change), outcome: settled.outcome, warnings }, BUILT)
      })

    const progress = yield* Progress
    const total = plan.changes.length
    const settledCount = yield* Ref.make(0)
    const report = (result: ChangeResult) =>
      Ref.updateAndGet(settledCount, (n) => n + 1).pipe(
        Effect.flatMap((done) =>
          progress.itemSettled({
            workPackageId: result.workPackageId,
            from: result.from,
            to: result.to,
            outcome: result.outcome,
            done,
            total
          })
        )
      )
    yield* progress.applyStarted(total)
    // An item, once started, runs to its end (write, re-read, audit comment) even when the run is stopped:
    // a signal stops the apply between items, never inside one. Items not started yet are left for a rerun.
    const results = yield* Effect.forEach(
      plan.changes,
      (change) => applyOne(change).pipe(Effect.tap(report), Effect.uninterruptible),
      { concurrency: options.concurrency }
    )
    yield* progress.applyFinished
    return new ApplyReport({
      formatVersion: 2,
      ...(plan.config === undefined ? {} : { config: plan.config }),
      sources: plan.sources,
      openProjectUrl: plan.openProjectUrl,
      summary: summarize(results, plan),
      results,
      skipped: plan.skipped,
      blocked: plan.blocked,
      warnings: plan.warnings,
      drift: plan.drift,
      planCreatedAt: plan.createdAt
    })
  })

const resultFields = (change: PlannedChange) => ({
  workPackageId: change.workPackageId,
  subject: change.subject,
  from: change.from,
  to: change.to,
  source: change.source,
  line: change.line,
  ...(change.route === undefined || change.route.length < 2 ? {} : { route: change.route })
})

const summarize = (results: ReadonlyArray<ChangeResult>, plan: Plan): ApplySummary => {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length
  return new ApplySummary({
    applied: count("applied"),
    unchanged: count("unchanged"),
    failed: count("failed"),
    stale: count("stale"),
    skipped: plan.skipped.length,
    blocked: plan.blocked.length,
    drift: plan.drift.length
  })
}
