import { Deferred, Duration, Effect, Fiber, FiberId, type Scope } from "effect"

/**
 * The request timeout, kept for every attempt of one client by a single watchdog instead of a timer of
 * each request's own. `Effect.timeoutFail` races the request against a sleep: two fibers, a timer and a
 * join for every request, which cost more processor time than the rest of the client's own work on a
 * small answer. Here the request runs in one fiber of its own, its deadline goes on a list, and one
 * watchdog fiber sleeps (on the Clock, so a TestClock drives it) until the earliest deadline, then
 * interrupts what is still running past it; that request then fails with the timeout's error, as with
 * `Effect.timeoutFail` (its connection is dropped by the interruption). A run shorter than the timeout
 * wakes the watchdog once.
 */
export interface RequestDeadlines {
  /**
   * `effect`, given `duration` from now: if it has not ended by then it is interrupted and fails with
   * `onTimeout()`. Interrupting the caller interrupts `effect` too.
   */
  readonly within: <A, E, E2>(effect: Effect.Effect<A, E>, onTimeout: () => E2) => Effect.Effect<A, E | E2>
}

interface Pending {
  /** The deadline, in milliseconds on the Clock's monotonic time. */
  readonly at: number
  readonly fiber: Fiber.RuntimeFiber<unknown, unknown>
  expired: boolean
}

/**
 * The Clock's monotonic time in milliseconds (the wall clock may be set back; a timeout must not be). A
 * TestClock moved by a fraction of a millisecond (a jittered retry wait) cannot give its time in nanoseconds
 * (it throws a RangeError); its milliseconds are then the same time in the same units.
 */
const monotonicMillis = Effect.clockWith((clock) =>
  Effect.sync(() => {
    try {
      return Number(clock.unsafeCurrentTimeNanos() / 1_000_000n)
    } catch {
      return clock.unsafeCurrentTimeMillis()
    }
  })
)

/** A watchdog for this scope (one client's life): it stops with the scope. */
export const makeRequestDeadlines = (
  duration: Duration.DurationInput
): Effect.Effect<RequestDeadlines, never, Scope.Scope> =>
  Effect.gen(function* () {
    const millis = Duration.toMillis(duration)
    const pending = new Set<Pending>()
    /** Set while the watchdog waits for a first deadline (nothing pending). */
    let idle: Deferred.Deferred<void> | undefined

    const watch: Effect.Effect<void> = Effect.gen(function* () {
      if (pending.size === 0) {
        const woken = yield* Deferred.make<void>()
        idle = woken
        return yield* Deferred.await(woken)
      }
      const now = yield* monotonicMillis
      let next = Number.POSITIVE_INFINITY
      for (const entry of pending) {
        if (entry.at <= now) {
          pending.delete(entry)
          // A request that ended just before its deadline (its caller not resumed yet) did not time out.
          if (entry.fiber.unsafePoll() === null) {
            entry.expired = true
            yield* Fiber.interruptAsFork(entry.fiber, FiberId.none)
          }
        } else next = Math.min(next, entry.at)
      }
      if (next !== Number.POSITIVE_INFINITY) yield* Effect.sleep(Duration.millis(next - now))
    })
    yield* Effect.forkScoped(Effect.forever(watch))

    const within = <A, E, E2>(effect: Effect.Effect<A, E>, onTimeout: () => E2): Effect.Effect<A, E | E2> =>
      Effect.uninterruptibleMask((restore) =>
        Effect.gen(function* () {
          const fiber = yield* Effect.fork(restore(effect))
          const entry: Pending = { at: (yield* monotonicMillis) + millis, fiber, expired: false }
          pending.add(entry)
          if (idle !== undefined) {
            const woken = idle
            idle = undefined
            yield* Deferred.succeed(woken, undefined)
          }
          const exit = yield* restore(Fiber.await(fiber)).pipe(
            Effect.onInterrupt(() => Fiber.interrupt(fiber)),
            Effect.ensuring(Effect.sync(() => pending.delete(entry)))
          )
          // Past its deadline it fails as timed out, whatever it ended with once stopped (as timeoutFail,
          // which also waits for a request it cannot interrupt, inside an uninterruptible region, to end).
          return yield* entry.expired ? Effect.fail(onTimeout()) : exit
        })
      )

    return { within }
  })
