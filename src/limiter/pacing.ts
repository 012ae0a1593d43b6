/**
 * The rate decisions of the polite limiter, as a pure state machine over explicit times (milliseconds on
 * the client's clock). The Effect wrapper (Limiter.ts) only reads the clock, sleeps and stores the state.
 *
 * - A token bucket: `burst` requests may go at once (a normal run fits in it), then `rate` per second.
 * - The server's signals come first: `Retry-After`, or `RateLimit-Reset` when `RateLimit-Remaining` is 0,
 *   hold every request back until then; `RateLimit-Remaining` caps the bucket.
 * - AIMD, as TCP does: a 429 halves the rate (down to a floor) and empties the bucket; each success adds
 *   a little back, up to the configured rate.
 */

export interface PacingSettings {
  /** The steady rate, requests per second, when the server is content; the rate never climbs above it. */
  readonly maxRate: number
  /** The rate a run of 429s cannot push it below, requests per second. */
  readonly minRate: number
  /** How many requests may go without waiting, from a full bucket. */
  readonly burst: number
  /** Requests per second added back after each successful answer (the additive increase). */
  readonly increase: number
  /** The longest hold a server's signal can put on every request; a longer wait ends in an error elsewhere. */
  readonly maxHoldMillis: number
}

export interface PacingState {
  /** The current steady rate, requests per second: between minRate and maxRate. */
  readonly rate: number
  /** Tokens in the bucket, at most `burst`; a request needs a whole one. */
  readonly tokens: number
  /** When `tokens` was last refilled. */
  readonly updatedAt: number
  /** No request starts before this time: the server asked for the pause. */
  readonly notBefore: number
}

/** What one answer said about the server's load. */
export interface Feedback {
  /** throttled: a 429; success: a 2xx; other: anything else (it neither lowers nor raises the rate). */
  readonly outcome: "success" | "throttled" | "other"
  /** `RateLimit-Remaining`, when the server sent it. */
  readonly remaining?: number | undefined
  /** The time the server asked the client to wait until (Retry-After, or RateLimit-Reset when exhausted). */
  readonly waitUntil?: number | undefined
}

/** The lowest rate AIMD may reach: one request every two seconds (or the configured rate, if lower). */
export const FLOOR_RATE = 0.5

/** The full settings for a configured steady rate and burst. */
export const pacingSettings = (
  requestsPerSecond: number,
  burst: number,
  maxHoldMillis: number = 120_000
): PacingSettings => ({
  maxRate: requestsPerSecond,
  minRate: Math.min(requestsPerSecond, FLOOR_RATE),
  burst,
  // From the floor back to the steady rate in about twenty successful answers.
  increase: requestsPerSecond / 20,
  maxHoldMillis
})

export const initialPacing = (settings: PacingSettings, now: number): PacingState => ({
  rate: settings.maxRate,
  tokens: settings.burst,
  updatedAt: now,
  notBefore: now
})

const refill = (state: PacingState, settings: PacingSettings, now: number): PacingState =>
  now <= state.updatedAt
    ? state
    : {
        ...state,
        tokens: Math.min(settings.burst, state.tokens + ((now - state.updatedAt) * state.rate) / 1000),
        updatedAt: now
      }

/** The outcome of asking to send one request now. */
export interface Admission {
  readonly state: PacingState
  /** 0: send it now (a token was taken). Otherwise: ask again after this many milliseconds (none was taken). */
  readonly waitMillis: number
}

/**
 * Asks to send one request at `now`. Nothing is reserved while waiting: a waiter asks again when it wakes,
 * so a 429 or a server's hold that arrives meanwhile applies to it too.
 */
export const admit = (state: PacingState, settings: PacingSettings, now: number): Admission => {
  const filled = refill(state, settings, now)
  if (now < filled.notBefore) return { state: filled, waitMillis: Math.ceil(filled.notBefore - now) }
  if (filled.tokens >= 1) return { state: { ...filled, tokens: filled.tokens - 1 }, waitMillis: 0 }
  // At least 1 ms, so that a caller always makes progress on its clock.
  return { state: filled, waitMillis: Math.max(1, Math.ceil(((1 - filled.tokens) * 1000) / filled.rate)) }
}

/** Takes in what one answer said. */
export const observe = (state: PacingState, settings: PacingSettings, now: number, feedback: Feedback): PacingState => {
  const filled = refill(state, settings, now)
  let { rate, tokens, notBefore } = filled
  if (feedback.outcome === "throttled") {
    rate = Math.max(settings.minRate, rate / 2)
    tokens = Math.min(tokens, 0)
  } else if (feedback.outcome === "success") {
    rate = Math.min(settings.maxRate, rate + settings.increase)
  }
  if (feedback.remaining !== undefined && Number.isFinite(feedback.remaining)) {
    tokens = Math.min(tokens, Math.max(0, Math.floor(feedback.remaining)))
  }
  if (feedback.waitUntil !== undefined && Number.isFinite(feedback.waitUntil)) {
    notBefore = Math.max(notBefore, Math.min(feedback.waitUntil, now + settings.maxHoldMillis))
  }
  return { ...filled, rate, tokens, notBefore }
}
