import { Chunk, Effect, TestClock } from "effect"

/** Socket I/O runs in real time while the client's sleeps wait on the TestClock (gotcha G13). */
const realPause = Effect.promise(() => new Promise<void>((resolve) => setTimeout(resolve, 5)))

/**
 * Waits (polling in real time) until the client has scheduled a wake-up whose delay from the TestClock's
 * now satisfies `accept`, and returns that delay. Other pending sleeps (the rate limiter's refill, request
 * timeouts) are told apart by their delay, so `accept` must exclude them.
 */
export const awaitWakeUp = (accept: (delayMillis: number) => boolean, what: string) =>
  Effect.gen(function* () {
    for (let poll = 0; poll < 2000; poll++) {
      const now = yield* TestClock.currentTimeMillis
      const delays = Chunk.toReadonlyArray(yield* TestClock.sleeps()).map((wakeUp) => wakeUp - now)
      const found = delays.find(accept)
      if (found !== undefined) return found
      yield* realPause
    }
    return yield* Effect.dieMessage(`the client never scheduled ${what}`)
  })

/** Waits until `condition` holds, polling in real time (for server-side effects of in-flight requests). */
export const awaitCondition = <E, R>(condition: Effect.Effect<boolean, E, R>, what: string) =>
  Effect.gen(function* () {
    for (let poll = 0; poll < 2000; poll++) {
      if (yield* condition) return
      yield* realPause
    }
    return yield* Effect.dieMessage(`timed out waiting for ${what}`)
  })
