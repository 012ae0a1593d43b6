import { Effect } from "effect"

/**
 * Waits and timestamps in real time. The sandbox often runs in the same process as a client under test
 * whose Effect clock is a TestClock; the server's latency and its journal times must not follow that clock.
 */

export const realSleep = (ms: number): Effect.Effect<void> =>
  ms <= 0
    ? Effect.void
    : Effect.async<void>((resume) => {
        const timer = setTimeout(() => resume(Effect.void), ms)
        return Effect.sync(() => clearTimeout(timer))
      })

export const wallClockMillis: Effect.Effect<number> = Effect.sync(() => Date.now())
