import { ApiError, errorResponse } from "./apiError.js"
import type { FormRateLimit } from "./SandboxConfig.js"

/**
 * OpenProject's `api_v3` rate-limit rule (lib/open_project/rate_limiting/api_v3.rb, README §9), as Rack::Attack
 * runs it in front of the API: only `POST /api/v3/…/form` counts, keyed by the Authorization header, in fixed
 * windows of `periodSeconds` aligned to the epoch. A request beyond `limit` in its window is answered 429 with
 * `RateLimit-*` headers and no `Retry-After`; it never reaches authentication or the routes.
 */

export interface ThrottleBook {
  /** Requests counted per key in the current window. */
  readonly window: number
  readonly counts: ReadonlyMap<string, number>
}

export const emptyThrottleBook: ThrottleBook = { window: -1, counts: new Map() }

const FORM_PATH = /^\/api\/v3\/.+\/form$/

export const isThrottled = (method: string, path: string): boolean => method === "POST" && FORM_PATH.test(path)

export type ThrottleVerdict =
  | { readonly _tag: "Pass" }
  | { readonly _tag: "Throttled"; readonly resetEpochSeconds: number }

/** Count one request; `key` is the Authorization header (a request without one is not throttled). */
export const countRequest = (
  book: ThrottleBook,
  rule: FormRateLimit,
  key: string | undefined,
  nowMillis: number
): readonly [ThrottleVerdict, ThrottleBook] => {
  if (key === undefined) return [{ _tag: "Pass" }, book]
  const window = Math.floor(nowMillis / 1000 / rule.periodSeconds)
  const counts = new Map(window === book.window ? book.counts : [])
  const count = (counts.get(key) ?? 0) + 1
  counts.set(key, count)
  const next = { window, counts }
  return count > rule.limit
    ? [{ _tag: "Throttled", resetEpochSeconds: (window + 1) * rule.periodSeconds }, next]
    : [{ _tag: "Pass" }, next]
}

/** The answer of lib/open_project/rate_limiting/throttled_api_error.rb (examples/error_429_throttled.json). */
export const throttledResponse = (rule: FormRateLimit, resetEpochSeconds: number) =>
  errorResponse(
    new ApiError({
      status: 429,
      identifier: "Throttled",
      message: "You have reached the request limit for this resource.",
      headers: {
        "ratelimit-limit": String(rule.limit),
        "ratelimit-remaining": "0",
        "ratelimit-reset": String(resetEpochSeconds)
      }
    })
  )
