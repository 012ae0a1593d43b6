import { Duration, Effect, Schedule } from "effect"
import type { OpenProjectRequestError } from "../errors.js"

export type HttpMethod = "GET" | "PATCH" | "POST"

/** A server that asks for a longer pause than this is not waited for: the run stops and says so. */
export const LONGEST_SERVER_WAIT = Duration.minutes(2)

const serverAskedTooMuch = (error: OpenProjectRequestError): boolean =>
  (error._tag === "RateLimited" || error._tag === "ServerError") &&
  error.retryAfter !== undefined &&
  Duration.greaterThan(error.retryAfter, LONGEST_SERVER_WAIT)

/**
 * Whether a failed attempt may be repeated. Reads are safe to repeat after any transient failure.
 * A write is repeated only when the server said it did not process it (429, 503): after a lost answer
 * or another 5xx it may have been applied, and the caller must read again before deciding.
 */
export const isRetryable =
  (method: HttpMethod) =>
  (error: OpenProjectRequestError): boolean => {
    if (serverAskedTooMuch(error)) return false
    switch (error._tag) {
      case "RateLimited":
        return true
      case "ServerError":
        return method === "GET" || error.status === 503
      case "TransportError":
        return method === "GET" && error.permanent !== true
      default:
        return false
    }
  }

/**
 * Exponential backoff with jitter, at most `maxRetries` retries, never sooner than the server asked.
 * `onRetry` is told of each retry before its wait (the failure, the wait, and the retry's number from 1).
 */
export const retrySchedule = (options: {
  readonly method: HttpMethod
  readonly retryBase: Duration.Duration
  readonly maxRetries: number
  readonly onRetry?: (error: OpenProjectRequestError, delay: Duration.Duration, retry: number) => Effect.Effect<void>
}) =>
  Schedule.exponential(options.retryBase, 2).pipe(
    Schedule.jittered,
    Schedule.intersect(Schedule.recurs(options.maxRetries)),
    Schedule.intersect(Schedule.identity<OpenProjectRequestError>()),
    Schedule.whileInput(isRetryable(options.method)),
    Schedule.modifyDelay(([, error], delay) =>
      (error._tag === "RateLimited" || error._tag === "ServerError") && error.retryAfter !== undefined
        ? Duration.max(delay, error.retryAfter)
        : delay
    ),
    Schedule.modifyDelayEffect(([[, recurrences], error], delay) =>
      options.onRetry === undefined
        ? Effect.succeed(delay)
        : Effect.as(options.onRetry(error, delay, recurrences + 1), delay)
    )
  )

/** Why a request is about to be repeated, in the words a user reads while waiting. */
export const retryReason = (error: OpenProjectRequestError): string => {
  switch (error._tag) {
    case "TransportError": {
      // "connection failed (ECONNREFUSED)" reads best as its code alone.
      const code = /\(([A-Z][A-Z0-9_]+)\)$/.exec(error.reason)?.[1]
      return code === undefined ? `OpenProject did not answer: ${error.reason}` : `OpenProject did not answer (${code})`
    }
    case "RateLimited":
      return "OpenProject asked to slow down (429)"
    case "ServerError":
      return `OpenProject answered with a server error (${error.status})`
    default:
      return `the request failed (${error._tag})`
  }
}

/**
 * The rest of `Effect.retry(effect, schedule)` once the effect's first attempt failed with `failed`: the
 * schedule is started here, given that failure first, and `effect` is run again while it allows. So
 * `Effect.catchAll(effect, (e) => retryFrom(e, effect, schedule))` waits, retries and reports exactly as
 * Effect.retry does, but a request that succeeds at once, as nearly every one does, costs no schedule
 * driver (its state, its clock reads) and no per-attempt service of Effect.retry's.
 */
export const retryFrom = <A, E, R, Out, R2>(
  failed: E,
  effect: Effect.Effect<A, E, R>,
  schedule: Schedule.Schedule<Out, E, R2>
): Effect.Effect<A, E, R | R2> =>
  Effect.flatMap(Schedule.driver(schedule), (driver) => {
    const next = (error: E): Effect.Effect<A, E, R | R2> =>
      Effect.matchEffect(driver.next(error), {
        onFailure: () => Effect.fail(error),
        onSuccess: () => Effect.catchAll(effect, next)
      })
    return next(failed)
  })
