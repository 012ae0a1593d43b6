import { describe, expect, it } from "@effect/vitest"
import { Duration } from "effect"
import {
  MissingPermission,
  NotFound,
  RateLimited,
  ServerError,
  TransitionRefused,
  TransportError,
  Unauthenticated,
  UnexpectedResponse,
  UpdateConflict,
  ValidationFailed
} from "../../src/openproject/errors.js"
import { isRetryable } from "../../src/openproject/OpenProject/retryPolicy.js"

const at = { method: "GET", url: "https://op.example/api/v3/x" }

describe("which failures are retried", () => {
  const cases = [
    [new RateLimited(at), true, true],
    [new ServerError({ ...at, status: 503 }), true, true],
    [new ServerError({ ...at, status: 500 }), true, false],
    [new ServerError({ ...at, status: 502 }), true, false],
    [new TransportError({ ...at, requestSent: true, reason: "reset" }), true, false],
    [new TransportError({ ...at, requestSent: false, reason: "refused" }), true, false],
    [new Unauthenticated(at), false, false],
    [new MissingPermission(at), false, false],
    [new NotFound(at), false, false],
    [new UpdateConflict(at), false, false],
    [new TransitionRefused({ ...at, serverMessage: "no" }), false, false],
    [new ValidationFailed({ ...at, status: 422 }), false, false],
    [new UnexpectedResponse({ ...at, status: 200, excerpt: "<html>" }), false, false]
  ] as const
  for (const [error, read, write] of cases) {
    const label = error._tag === "ServerError" ? `${error._tag} ${error.status}` : error._tag
    it(`${label}: read ${read ? "retried" : "not retried"}, write ${write ? "retried" : "not retried"}`, () => {
      expect(isRetryable("GET")(error)).toBe(read)
      expect(isRetryable("PATCH")(error)).toBe(write)
      expect(isRetryable("POST")(error)).toBe(write)
    })
  }

  it("a server that asks for more than two minutes is not waited for: the run stops and says so", () => {
    const longWait = new RateLimited({ ...at, retryAfter: Duration.minutes(10) })
    expect(isRetryable("GET")(longWait)).toBe(false)
    expect(longWait.message).toContain("10m")
  })
})
