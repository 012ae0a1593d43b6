import { Duration } from "effect"
import { retryAfter } from "../../http/retryAfter.js"

type Headers = Readonly<Record<string, string | undefined>>

/**
 * How long GitHub asks us to wait, from its headers (GitHub REST docs, "Rate limits"):
 * `retry-after` (seconds or an HTTP date) first, then `x-ratelimit-reset` (epoch seconds) when
 * `x-ratelimit-remaining` is 0. Undefined when the response carries neither.
 */
export const rateLimitDelay = (headers: Headers, nowMillis: number): Duration.Duration | undefined => {
  const asked = retryAfter(headers["retry-after"], nowMillis)
  if (asked !== undefined) return asked
  const reset = headers["x-ratelimit-reset"]?.trim()
  if (headers["x-ratelimit-remaining"]?.trim() === "0" && reset !== undefined && /^\d+$/.test(reset)) {
    return Duration.millis(Math.max(0, Number(reset) * 1000 - nowMillis))
  }
  return undefined
}

/** A 403 that is really a rate limit (primary or secondary), not a missing permission. */
export const isRateLimit403 = (headers: Headers, githubMessage: string): boolean =>
  headers["retry-after"] !== undefined ||
  headers["x-ratelimit-remaining"]?.trim() === "0" ||
  /rate limit/i.test(githubMessage)
