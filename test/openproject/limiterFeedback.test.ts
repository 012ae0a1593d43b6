import { describe, expect, it } from "vitest"
import { limiterFeedback } from "../../src/openproject/OpenProject/limiterFeedback.js"

const NOW = 1_700_000_000_000

describe("what an OpenProject answer tells the limiter", () => {
  it("a 2xx is a success and holds nothing back", () => {
    expect(limiterFeedback(200, {}, NOW)).toEqual({ outcome: "success", remaining: undefined, waitUntil: undefined })
  })

  it("OpenProject's own throttle: a 429 with RateLimit-Reset (epoch seconds) and no Retry-After", () => {
    const reset = String(NOW / 1000 + 3)
    expect(
      limiterFeedback(429, { "ratelimit-limit": "6", "ratelimit-remaining": "0", "ratelimit-reset": reset }, NOW)
    ).toEqual({ outcome: "throttled", remaining: 0, waitUntil: NOW + 3000 })
  })

  it("a 429 or 503 with Retry-After holds for that long", () => {
    expect(limiterFeedback(429, { "retry-after": "2" }, NOW)).toMatchObject({
      outcome: "throttled",
      waitUntil: NOW + 2000
    })
    expect(limiterFeedback(503, { "retry-after": "5" }, NOW)).toEqual({
      outcome: "other",
      remaining: undefined,
      waitUntil: NOW + 5000
    })
  })

  it("RateLimit-Remaining on a success caps the burst; its Reset holds only once the window is used up", () => {
    expect(limiterFeedback(200, { "ratelimit-remaining": "3", "ratelimit-reset": "2" }, NOW)).toEqual({
      outcome: "success",
      remaining: 3,
      waitUntil: undefined
    })
    expect(limiterFeedback(200, { "ratelimit-remaining": "0", "ratelimit-reset": "2" }, NOW)).toEqual({
      outcome: "success",
      remaining: 0,
      waitUntil: NOW + 2000
    })
  })

  it("headers that are not numbers are ignored", () => {
    expect(limiterFeedback(200, { "ratelimit-remaining": "many", "retry-after": "soon" }, NOW)).toEqual({
      outcome: "success",
      remaining: undefined,
      waitUntil: undefined
    })
  })
})
