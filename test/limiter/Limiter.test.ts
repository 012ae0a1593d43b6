import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock } from "effect"
import { makeLimiter } from "../../src/limiter/Limiter.js"
import { pacingSettings } from "../../src/limiter/pacing.js"

/** Lets forked fibers run up to their next sleep on the TestClock. */
const settle = TestClock.adjust(0)

const isDone = <A, E>(fiber: Fiber.RuntimeFiber<A, E>) => Effect.map(Fiber.poll(fiber), Option.isSome)

describe("the polite limiter on the clock", () => {
  it.effect("lets a whole burst through at once, then paces at the steady rate", () =>
    Effect.gen(function* () {
      const limiter = yield* makeLimiter(pacingSettings(4, 3))
      for (let i = 0; i < 3; i++) yield* limiter.take
      const fourth = yield* Effect.fork(limiter.take)
      yield* settle
      expect(yield* isDone(fourth)).toBe(false)
      yield* TestClock.adjust(249)
      expect(yield* isDone(fourth)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* isDone(fourth)).toBe(true)
    })
  )

  it.effect("a 429 halves the rate: the next slot comes after twice the interval", () =>
    Effect.gen(function* () {
      const limiter = yield* makeLimiter(pacingSettings(4, 3))
      yield* limiter.take
      yield* limiter.report({ outcome: "throttled" })
      const next = yield* Effect.fork(limiter.take)
      yield* TestClock.adjust(499)
      expect(yield* isDone(next)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* isDone(next)).toBe(true)
    })
  )

  it.effect("a hold the server asked for (Retry-After, RateLimit-Reset) stops even requests already waiting", () =>
    Effect.gen(function* () {
      const limiter = yield* makeLimiter(pacingSettings(10, 1))
      yield* limiter.take
      // this one waits 100 ms for a token...
      const waiting = yield* Effect.fork(limiter.take)
      yield* settle
      // ...and meanwhile an answer asks for 3 s
      yield* limiter.report({ outcome: "other", waitUntil: 3000 })
      yield* TestClock.adjust(100)
      expect(yield* isDone(waiting)).toBe(false)
      yield* TestClock.adjust(2899)
      expect(yield* isDone(waiting)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* isDone(waiting)).toBe(true)
    })
  )

  it.effect("successes after a 429 bring the rate back to the configured one", () =>
    Effect.gen(function* () {
      const limiter = yield* makeLimiter(pacingSettings(10, 1))
      yield* limiter.take
      yield* limiter.report({ outcome: "throttled" })
      for (let i = 0; i < 20; i++) yield* limiter.report({ outcome: "success" })
      // back at 10 per second: one slot per 100 ms
      const next = yield* Effect.fork(limiter.take)
      yield* TestClock.adjust(99)
      expect(yield* isDone(next)).toBe(false)
      yield* TestClock.adjust(1)
      expect(yield* isDone(next)).toBe(true)
    })
  )
})
