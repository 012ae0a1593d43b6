import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Option, Ref } from "effect"
import { lineProgress, terminalProgress } from "../../src/cli/progress/progressReporters.js"
import { StopNotice } from "../../src/cli/StopNotice.js"
import type { ItemSettled } from "../../src/progress/Progress.js"

const item = (done: number, outcome: ItemSettled["outcome"] = "applied"): ItemSettled => ({
  workPackageId: 40 + done,
  from: "New",
  to: "Closed",
  outcome,
  done,
  total: 2
})

const retry = {
  method: "GET",
  path: "/api/v3/statuses",
  reason: "OpenProject did not answer (ECONNREFUSED)",
  delay: Duration.seconds(2),
  attempt: 2,
  attempts: 5
}

const recording = () => {
  const written: Array<string> = []
  return { written, out: { write: (text: string) => Effect.sync(() => void written.push(text)) } }
}

describe("progress reporters", () => {
  it.effect("outside a terminal: one line per item and per retry, and the stop notice says what was applied", () =>
    Effect.gen(function* () {
      const { written, out } = recording()
      const notice = yield* StopNotice.make
      yield* Effect.gen(function* () {
        const progress = yield* lineProgress(out)
        yield* progress.applyStarted(2)
        yield* progress.itemSettled(item(1))
        yield* progress.retryWaiting(retry)
        yield* progress.itemSettled(item(2, "failed"))
        yield* progress.applyFinished
      }).pipe(Effect.provideService(StopNotice, notice))

      expect(written).toEqual([
        "op-reconcile: [1/2] wp#41 New → Closed: applied\n",
        "op-reconcile: OpenProject did not answer (ECONNREFUSED); retrying GET /api/v3/statuses in 2 s, attempt 2 of 5\n",
        "op-reconcile: [2/2] wp#42 New → Closed: failed\n"
      ])
      expect(Option.getOrThrow(yield* Ref.get(notice))).toContain(
        "stopped after 2 of 2 changes settled (1 applied: wp#41)"
      )
    })
  )

  it.effect("on a terminal: one live line rewritten in place, a retry printed above it, cleared at the end", () =>
    Effect.gen(function* () {
      const { written, out } = recording()
      const progress = yield* terminalProgress(out)
      yield* progress.applyStarted(2)
      yield* progress.itemSettled(item(1))
      yield* progress.retryWaiting(retry)
      yield* progress.applyFinished

      const live = "\r\u001b[2KApplying: 1 of 2 settled (last: wp#41 applied)"
      expect(written).toEqual([
        live,
        "\r\u001b[2Kop-reconcile: OpenProject did not answer (ECONNREFUSED); retrying GET /api/v3/statuses in 2 s, " +
          "attempt 2 of 5\nApplying: 1 of 2 settled (last: wp#41 applied)",
        "\r\u001b[2K"
      ])
    })
  )
})
