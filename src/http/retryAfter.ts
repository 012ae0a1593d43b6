import { Duration } from "effect"

const SECONDS = /^\s*\d+(\.\d+)?\s*$/

/**
 * The wait a `Retry-After` header asks for (RFC 9110: delta-seconds or an HTTP date), never negative.
 * Shared by the OpenProject and the GitHub clients; each adds its own rate-limit headers on top.
 */
export const retryAfter = (value: string | undefined, nowMillis: number): Duration.Duration | undefined => {
  if (value === undefined) return undefined
  if (SECONDS.test(value)) return Duration.millis(Math.max(0, Math.ceil(Number(value) * 1000)))
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Duration.millis(Math.max(0, date - nowMillis))
}
