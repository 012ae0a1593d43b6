import { Duration } from "effect"
import { retryAfter } from "../../http/retryAfter.js"
import type { Feedback } from "../../limiter/pacing.js"
import { serverWait } from "./serverWait.js"

const COUNT = /^\s*\d+\s*$/

/**
 * What one OpenProject answer tells the limiter. A 429 halves the rate and a 2xx lets it climb back.
 * `Retry-After` holds every request back for as long as it says; `RateLimit-Reset` does so when the
 * server's window is used up (a 429, or `RateLimit-Remaining: 0`), which is how OpenProject's own
 * throttle answers (429 with `RateLimit-*`, no `Retry-After`); `RateLimit-Remaining` caps the burst.
 */
export const limiterFeedback = (
  status: number,
  headers: Readonly<Record<string, string>>,
  nowMillis: number
): Feedback => {
  const outcome = status === 429 ? "throttled" : status >= 200 && status < 300 ? "success" : "other"
  const remainingHeader = headers["ratelimit-remaining"]
  const remaining = remainingHeader !== undefined && COUNT.test(remainingHeader) ? Number(remainingHeader) : undefined
  const exhausted = status === 429 || remaining === 0
  const asked = exhausted ? serverWait(headers, nowMillis) : retryAfter(headers["retry-after"], nowMillis)
  return {
    outcome,
    remaining,
    waitUntil: asked === undefined ? undefined : nowMillis + Duration.toMillis(asked)
  }
}
