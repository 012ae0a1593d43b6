import { Duration } from "effect"
import type { ItemSettled, RetryWaiting } from "../../progress/Progress.js"

/** The words of the progress lines (pure): what an apply has done so far and what a retry waits for. */

const seconds = (d: Duration.Duration): string => {
  const s = Math.round(Duration.toMillis(d) / 100) / 10
  return `${s} s`
}

/** `[3/10] wp#43 New → In progress: applied` */
export const settledLine = (item: ItemSettled): string =>
  `[${item.done}/${item.total}] wp#${item.workPackageId} ${item.from} → ${item.to}: ${item.outcome}`

/** The live line on a terminal: `Applying: 3 of 10 settled (last: wp#43 applied)`. */
export const liveLine = (item: ItemSettled): string =>
  `Applying: ${item.done} of ${item.total} settled (last: wp#${item.workPackageId} ${item.outcome})`

/** `OpenProject did not answer (ECONNREFUSED); retrying GET /api/v3/statuses in 2 s, attempt 2 of 5` */
export const retryLine = (retry: RetryWaiting): string =>
  `${retry.reason}; retrying ${retry.method} ${retry.path} in ${seconds(retry.delay)}, ` +
  `attempt ${retry.attempt} of ${retry.attempts}`

/** What to say when a signal stops an apply now: what was done, that nothing is half-written, what next. */
export const stopLine = (total: number, settled: ReadonlyArray<ItemSettled>): string => {
  const applied = settled.filter((s) => s.outcome === "applied").map((s) => `wp#${s.workPackageId}`)
  const shown = applied.length <= 10 ? applied.join(", ") : `${applied.slice(0, 10).join(", ")}, …`
  const done =
    settled.length === 0
      ? `stopped before any of the ${total} changes was made`
      : `stopped after ${settled.length} of ${total} changes settled (${applied.length} applied${applied.length === 0 ? "" : `: ${shown}`})`
  return `op-reconcile: ${done}; no work package was left half-written. Run the same command again to continue: it plans what is left.`
}
