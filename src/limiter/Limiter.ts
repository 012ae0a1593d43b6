import { Clock, Duration, Effect, Ref } from "effect"
import { admit, type Feedback, initialPacing, observe, type PacingSettings } from "./pacing.js"

/** The polite limiter as the HTTP clients use it: wait for a slot before each request, report each answer. */
export interface Limiter {
  /** Waits until one more request may start (at once while the burst lasts and the server has not objected). */
  readonly take: Effect.Effect<void>
  /** What an answer said about the server's load; later `take`s follow it. */
  readonly report: (feedback: Feedback) => Effect.Effect<void>
}

/** A limiter on Effect's Clock (so the TestClock drives it in tests); the decisions are in pacing.ts. */
export const makeLimiter = (settings: PacingSettings): Effect.Effect<Limiter> =>
  Effect.gen(function* () {
    const state = yield* Ref.make(initialPacing(settings, yield* Clock.currentTimeMillis))

    const tryOnce = Effect.flatMap(Clock.currentTimeMillis, (now) =>
      Ref.modify(state, (current) => {
        const { state: next, waitMillis } = admit(current, settings, now)
        return [waitMillis, next]
      })
    )

    // Ask, sleep as long as told, ask again: whatever the server said meanwhile applies to a waiter too.
    const take: Effect.Effect<void> = Effect.flatMap(tryOnce, (waitMillis) =>
      waitMillis <= 0 ? Effect.void : Effect.zipRight(Effect.sleep(Duration.millis(waitMillis)), take)
    )

    const report = (feedback: Feedback) =>
      Effect.flatMap(Clock.currentTimeMillis, (now) =>
        Ref.update(state, (current) => observe(current, settings, now, feedback))
      )

    return { take, report }
  })
