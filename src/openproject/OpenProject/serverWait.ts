import { Duration } from "effect"
import { retryAfter } from "../../http/retryAfter.js"

/**
 * How long the server asked the client to wait before the next request, from `Retry-After`
 * (delta-seconds or an HTTP date, RFC 9110) or, as OpenProject's own throttle sends it, `RateLimit-Reset`
 * (epoch seconds of the window end, or delta-seconds as in the IETF RateLimit draft).
 */
export const serverWait = (
  headers: Readonly<Record<string, string>>,
  nowMillis: number
): Duration.Duration | undefined =>
  retryAfter(headers["retry-after"], nowMillis) ?? fromRateLimitReset(headers["ratelimit-reset"], nowMillis)

const SECONDS = /^\s*\d+(\.\d+)?\s*$/

const nonNegative = (millis: number): Duration.Duration => Duration.millis(Math.max(0, Math.ceil(millis)))

/** Values this large cannot be a delay in seconds (that would be 30+ years): they are epoch seconds. */
const EPOCH_THRESHOLD_SECONDS = 1_000_000_000

const fromRateLimitReset = (value: string | undefined, nowMillis: number): Duration.Duration | undefined => {
  if (value === undefined || !SECONDS.test(value)) return undefined
  const seconds = Number(value)
  return seconds >= EPOCH_THRESHOLD_SECONDS ? nonNegative(seconds * 1000 - nowMillis) : nonNegative(seconds * 1000)
}
