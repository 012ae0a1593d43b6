import { Effect, Ref } from "effect"
import type { ItemSettled, ProgressReporter, RetryWaiting } from "../../progress/Progress.js"
import { oneLine } from "../../safeText/oneLine.js"
import { StopNotice } from "../StopNotice.js"
import { liveLine, retryLine, settledLine, stopLine } from "./progressText.js"

/**
 * Where progress goes. On a terminal: one live line with done / total, rewritten in place, and each retry
 * on a line of its own above it. Elsewhere (a CI log, a file): one line per settled item and per retry.
 * Both on stderr, so stdout stays what was asked for; both keep the stop notice up to date.
 */

export interface ProgressOutput {
  /** Writes text to stderr as it is (no newline added). */
  readonly write: (text: string) => Effect.Effect<void>
}

const CLEAR_LINE = "\r\u001b[2K"

const tracking = (onSettled: (item: ItemSettled) => Effect.Effect<void>) =>
  Effect.gen(function* () {
    const settled = yield* Ref.make<ReadonlyArray<ItemSettled>>([])
    const total = yield* Ref.make(0)
    const remember = (item: ItemSettled) =>
      Ref.updateAndGet(settled, (items) => [...items, item]).pipe(
        Effect.flatMap((items) => StopNotice.set(stopLine(item.total, items))),
        Effect.zipRight(onSettled(item))
      )
    const started = (n: number) =>
      Ref.set(total, n).pipe(Effect.zipRight(Ref.set(settled, [])), Effect.zipRight(StopNotice.set(stopLine(n, []))))
    return { remember, started }
  })

/** One line per event: for logs. */
export const lineProgress = (out: ProgressOutput) =>
  Effect.gen(function* () {
    const line = (text: string) => out.write(`op-reconcile: ${oneLine(text)}\n`)
    const { remember, started } = yield* tracking((item) => line(settledLine(item)))
    const reporter: ProgressReporter = {
      applyStarted: started,
      itemSettled: remember,
      retryWaiting: (retry: RetryWaiting) => line(retryLine(retry)),
      applyFinished: Effect.void
    }
    return reporter
  })

/** A live line rewritten in place: for a terminal. */
export const terminalProgress = (out: ProgressOutput) =>
  Effect.gen(function* () {
    const live = yield* Ref.make<string | undefined>(undefined)
    const draw = (text: string) => Ref.set(live, text).pipe(Effect.zipRight(out.write(`${CLEAR_LINE}${text}`)))
    const { remember, started } = yield* tracking((item) => draw(oneLine(liveLine(item))))
    const reporter: ProgressReporter = {
      applyStarted: started,
      itemSettled: remember,
      retryWaiting: (retry: RetryWaiting) =>
        Ref.get(live).pipe(
          Effect.flatMap((current) =>
            out.write(
              `${CLEAR_LINE}op-reconcile: ${oneLine(retryLine(retry))}\n${current === undefined ? "" : current}`
            )
          )
        ),
      applyFinished: Ref.getAndSet(live, undefined).pipe(
        Effect.flatMap((current) => (current === undefined ? Effect.void : out.write(CLEAR_LINE)))
      )
    }
    return reporter
  })
