import { Context, type Duration, Effect } from "effect"

/**
 * What a long run reports while it works, as it happens: each apply item as it settles, and each retry
 * while it waits. The reconcile loop and the OpenProject client report here; the command line decides
 * where it goes (a live line on a terminal, one line per event in a CI log). Silent unless provided.
 */

/** One item of an apply has settled: its write (and audit comment) are done, whatever the outcome. */
export interface ItemSettled {
  readonly workPackageId: number
  readonly from: string
  readonly to: string
  readonly outcome: "applied" | "unchanged" | "failed" | "stale"
  /** Items settled so far, this one included, and the apply's total. */
  readonly done: number
  readonly total: number
}

/** A request failed in a way worth repeating, and the client waits before the next attempt. */
export interface RetryWaiting {
  readonly method: string
  /** The request's path, without the query (it may be long and URL-encoded). */
  readonly path: string
  /** What went wrong, in words: `OpenProject did not answer (ECONNREFUSED)`, `OpenProject answered 503`. */
  readonly reason: string
  readonly delay: Duration.Duration
  /** The attempt about to be made (2 for the first retry) and how many attempts there are at most. */
  readonly attempt: number
  readonly attempts: number
}

export interface ProgressReporter {
  readonly applyStarted: (total: number) => Effect.Effect<void>
  readonly itemSettled: (item: ItemSettled) => Effect.Effect<void>
  readonly retryWaiting: (retry: RetryWaiting) => Effect.Effect<void>
  /** The apply is over (every item settled): a live line is finished. */
  readonly applyFinished: Effect.Effect<void>
}

export const silentProgress: ProgressReporter = {
  applyStarted: () => Effect.void,
  itemSettled: () => Effect.void,
  retryWaiting: () => Effect.void,
  applyFinished: Effect.void
}

export class Progress extends Context.Reference<Progress>()("op-reconcile/Progress", {
  defaultValue: (): ProgressReporter => silentProgress
}) {}
