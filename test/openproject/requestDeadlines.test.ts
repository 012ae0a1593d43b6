import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Either, Fiber, Ref, TestClock } from "effect"
import { makeRequestDeadlines } from "../../src/openproject/OpenProject/requestDeadlines.js"

/**
 * The client's request timeout (one watchdog for all requests, on the Clock) behaves as Effect.timeoutFail
 * does: what ends in time is untouched, what does not is interrupted and fails with the timeout's error.
 */

const TIMEOUT = Duration.seconds(30)
const timedOut = () => "timed out" as const

/** A request that takes `ms` on the test clock and records whether it was interrupted. */
const request = (ms: number, interrupted: Ref.Ref<number>) =>
  Effect.sleep(Duration.millis(ms)).pipe(
    Effect.as(`answered after ${ms} ms`),
    Effect.onInterrupt(() => Ref.update(interrupted, (n) => n + 1))
  )

/** Runs `effect` while the test clock moves `ms` forward. */
const runFor = <A, E>(effect: Effect.Effect<A, E>, ms: number) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust(Duration.millis(ms))
    return yield* Fiber.join(fiber)
  })

describe("the request deadlines", () => {
  for (const ms of [0, 10, 29_999, 30_000, 30_001, 45_000]) {
    it.scoped(`a request of ${ms} ms ends as it would under Effect.timeoutFail`, () =>
      Effect.gen(function* () {
        const deadlines = yield* makeRequestDeadlines(TIMEOUT)
        const interrupted = yield* Ref.make(0)
        const ours = yield* runFor(Effect.either(deadlines.within(request(ms, interrupted), timedOut)), 60_000)
        const oursInterrupted = yield* Ref.getAndSet(interrupted, 0)
        const theirs = yield* runFor(
          Effect.either(Effect.timeoutFail(request(ms, interrupted), { duration: TIMEOUT, onTimeout: timedOut })),
          60_000
        )
        expect(ours).toEqual(theirs)
        expect(oursInterrupted).toBe(yield* Ref.get(interrupted))
        expect(Either.isLeft(ours)).toBe(ms >= 30_000)
      })
    )
  }

  it.scoped("requests one after another, each within its own deadline, none timed out", () =>
    Effect.gen(function* () {
      const deadlines = yield* makeRequestDeadlines(TIMEOUT)
      const interrupted = yield* Ref.make(0)
      // 20 requests of 20 s: 400 s in all, far past one timeout, but each ends in time
      const all = Effect.forEach(Array.from({ length: 20 }), () =>
        deadlines.within(request(20_000, interrupted), timedOut)
      )
      const fiber = yield* Effect.fork(all)
      for (let i = 0; i < 20; i++) yield* TestClock.adjust("20 seconds")
      expect(yield* Fiber.join(fiber)).toHaveLength(20)
      expect(yield* Ref.get(interrupted)).toBe(0)
    })
  )

  it.scoped("a run shorter than the timeout keeps one timer, not one per request", () =>
    Effect.gen(function* () {
      const deadlines = yield* makeRequestDeadlines(TIMEOUT)
      const interrupted = yield* Ref.make(0)
      const inFlight = yield* Effect.fork(
        Effect.forEach(Array.from({ length: 6 }), () => deadlines.within(request(100, interrupted), timedOut), {
          concurrency: 6
        })
      )
      // until every request is in flight (and some more turns, for any timer still to come)
      let sleeps = 0
      for (let turn = 0; turn < 200 && sleeps < 6; turn++) {
        yield* Effect.yieldNow()
        sleeps = (yield* TestClock.sleeps()).length
      }
      for (let turn = 0; turn < 20; turn++) yield* Effect.yieldNow()
      // the six requests' own sleeps, and one deadline for all of them
      expect((yield* TestClock.sleeps()).length).toBe(7)
      yield* TestClock.adjust("100 millis")
      yield* Fiber.join(inFlight)
      expect(yield* Ref.get(interrupted)).toBe(0)
    })
  )

  it.scoped("a request that cannot be interrupted is waited for, then fails as timed out, as with timeoutFail", () =>
    Effect.gen(function* () {
      const deadlines = yield* makeRequestDeadlines(TIMEOUT)
      const interrupted = yield* Ref.make(0)
      const ours = yield* runFor(
        Effect.either(Effect.uninterruptible(deadlines.within(request(40_000, interrupted), timedOut))),
        60_000
      )
      const theirs = yield* runFor(
        Effect.either(
          Effect.uninterruptible(
            Effect.timeoutFail(request(40_000, interrupted), { duration: TIMEOUT, onTimeout: timedOut })
          )
        ),
        60_000
      )
      expect(ours).toEqual(Either.left("timed out"))
      expect(ours).toEqual(theirs)
      expect(yield* Ref.get(interrupted)).toBe(0)
    })
  )

  it.scoped("on a test clock moved by a fraction of a millisecond (a jittered retry wait), as on any other", () =>
    Effect.gen(function* () {
      yield* TestClock.adjust(Duration.millis(523.912487))
      const deadlines = yield* makeRequestDeadlines(TIMEOUT)
      const interrupted = yield* Ref.make(0)
      expect(yield* runFor(Effect.either(deadlines.within(request(10, interrupted), timedOut)), 60_000)).toEqual(
        Either.right("answered after 10 ms")
      )
      expect(yield* runFor(Effect.either(deadlines.within(request(40_000, interrupted), timedOut)), 60_000)).toEqual(
        Either.left("timed out")
      )
    })
  )

  it.scoped("interrupting the caller (Ctrl-C) interrupts the request", () =>
    Effect.gen(function* () {
      const deadlines = yield* makeRequestDeadlines(TIMEOUT)
      const interrupted = yield* Ref.make(0)
      const caller = yield* Effect.fork(deadlines.within(request(10_000, interrupted), timedOut))
      yield* TestClock.adjust("1 second")
      yield* Fiber.interrupt(caller)
      expect(yield* Ref.get(interrupted)).toBe(1)
    })
  )
})
