import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import { type SandboxConfig, startSandbox } from "../../src/sandbox/Sandbox.js"
import { awaitWakeUp } from "../support/testClock.js"
import { makeClient } from "./support/client.js"

/**
 * Retry timing under the TestClock while the requests go over real sockets (gotcha G13): wait until the
 * client has scheduled its retry, check when it will wake up, then move the clock there.
 *
 * Pending sleeps other than the retry are the rate limiter's 1 ms refill (1,000 requests per second here)
 * and the 30 s request timeouts; the retry waits looked for lie in between.
 */
const API_KEY = "opapi-retries-test-key-41b6"
const workPackages = [{ id: 1, subject: "First", status: "New" }]
const isRetryWait = (delay: number) => delay >= 50 && delay < 20_000

const setUp = (config: Partial<SandboxConfig>) =>
  Effect.gen(function* () {
    const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages, ...config })
    const op = yield* makeClient(sandbox.url, API_KEY, { requestsPerSecond: 1000 })
    return { sandbox, op }
  })

describe("OpenProject client retries, timed with the TestClock", () => {
  it.scoped("a 429's Retry-After is honoured: the retry waits exactly as long as asked, not less", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        faults: [
          { path: "^/api/v3/statuses$", occurrences: [1], fault: { kind: "status", status: 429, retryAfterSeconds: 2 } }
        ]
      })
      const fiber = yield* Effect.fork(op.statuses())
      // the backoff alone would be 400–600 ms; the server asked for 2 s
      expect(yield* awaitWakeUp(isRetryWait, "a retry after the 429")).toBe(2000)
      expect(yield* sandbox.countRequests()).toBe(1)
      yield* TestClock.adjust("2 seconds")
      expect((yield* Fiber.join(fiber)).length).toBe(8)
      expect(yield* sandbox.countRequests()).toBe(2)
    })
  )

  it.scoped("OpenProject's own throttle (429 on the form with RateLimit-Reset, no Retry-After) is waited out", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        faults: [{ method: "POST", occurrences: [1], fault: { kind: "status", status: 429, rateLimitResetSeconds: 3 } }]
      })
      // RateLimit-Reset is an epoch second from the server's wall clock; give the client's clock the same time
      yield* TestClock.setTime(Date.now())
      const fiber = yield* Effect.fork(op.allowedStatuses(1))
      const wait = yield* awaitWakeUp(isRetryWait, "a retry after the throttle")
      // The server's window ends 3 s after its current second rounds up, i.e. 3–4 s after it answered; the
      // client's clock stands still while real time passes, so allow that too. Far above the 400–600 ms
      // backoff: the wait came from the header.
      expect(wait).toBeGreaterThanOrEqual(3000)
      expect(wait).toBeLessThanOrEqual(6000)
      yield* TestClock.adjust(wait)
      expect((yield* Fiber.join(fiber)).length).toBeGreaterThan(0)
      expect(yield* sandbox.countRequests({ method: "POST" })).toBe(2)
    })
  )

  it.scoped("a 503 is retried with exponential backoff and jitter (500 ms base, doubling)", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        faults: [{ method: "GET", occurrences: [1, 2], fault: { kind: "status", status: 503 } }]
      })
      const fiber = yield* Effect.fork(op.workPackage(1))
      const first = yield* awaitWakeUp(isRetryWait, "the first retry")
      expect(first).toBeGreaterThanOrEqual(400)
      expect(first).toBeLessThanOrEqual(600)
      yield* TestClock.adjust(first)
      const second = yield* awaitWakeUp(isRetryWait, "the second retry")
      expect(second).toBeGreaterThanOrEqual(800)
      expect(second).toBeLessThanOrEqual(1200)
      yield* TestClock.adjust(second)
      expect((yield* Fiber.join(fiber)).id).toBe(1)
      expect(yield* sandbox.countRequests()).toBe(3)
    })
  )

  it.scoped("retries stop after maxRetries and the last error surfaces", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages,
        faults: [{ fault: { kind: "status", status: 503 } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, { requestsPerSecond: 1000, maxRetries: 2 })
      const fiber = yield* Effect.fork(Effect.flip(op.me()))
      for (const retry of [1, 2]) {
        yield* TestClock.adjust(yield* awaitWakeUp(isRetryWait, `retry ${retry}`))
      }
      expect((yield* Fiber.join(fiber))._tag).toBe("ServerError")
      expect(yield* sandbox.countRequests()).toBe(3)
    })
  )

  it.scoped("a write answered 503 was not processed, so it is retried and applied once", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        faults: [{ method: "PATCH", occurrences: [1], fault: { kind: "status", status: 503 } }]
      })
      const fiber = yield* Effect.fork(op.setStatus({ id: 1, lockVersion: 1, statusHref: "/api/v3/statuses/4" }))
      yield* TestClock.adjust(yield* awaitWakeUp(isRetryWait, "the PATCH retry"))
      const updated = yield* Fiber.join(fiber)
      expect(updated.statusName).toBe("In progress")
      expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(2)
      expect((yield* sandbox.workPackage(1))?.lockVersion).toBe(2)
    })
  )

  it.scoped("a write answered 500 may have been processed, so it is not retried", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ faults: [{ method: "PATCH", fault: { kind: "status", status: 500 } }] })
      const error = yield* Effect.flip(op.setStatus({ id: 1, lockVersion: 1, statusHref: "/api/v3/statuses/4" }))
      expect(error).toMatchObject({ _tag: "ServerError", status: 500 })
      expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(1)
    })
  )

  it.scoped("a 422 and a 401 are answered at once, without a retry", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ forbiddenTransitions: [{ from: "New", to: "Closed" }] })
      const refused = yield* Effect.flip(op.setStatus({ id: 1, lockVersion: 1, statusHref: "/api/v3/statuses/6" }))
      expect(refused._tag).toBe("TransitionRefused")
      const stranger = yield* makeClient(sandbox.url, "opapi-wrong-key", { requestsPerSecond: 1000 })
      const unauthenticated = yield* Effect.flip(stranger.statuses())
      expect(unauthenticated._tag).toBe("Unauthenticated")
      // both calls returned with the clock standing still: a retry would have waited on it
      expect(yield* sandbox.countRequests()).toBe(2)
    })
  )

  it.scoped("a read whose connection is reset is retried", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ faults: [{ method: "GET", occurrences: [1], fault: { kind: "reset" } }] })
      const fiber = yield* Effect.fork(op.comments(1))
      yield* TestClock.adjust(yield* awaitWakeUp(isRetryWait, "the retry after the reset"))
      expect(yield* Fiber.join(fiber)).toEqual([])
      expect(yield* sandbox.countRequests()).toBe(2)
    })
  )

  it.scoped("a request without an answer times out (TransportError), and a read is then retried", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages,
        faults: [{ method: "GET", occurrences: [1], fault: { kind: "delay", ms: 1500 } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, { requestsPerSecond: 1000, timeout: "10 seconds" })
      const fiber = yield* Effect.fork(op.me())
      expect(yield* awaitWakeUp((d) => d === 10_000, "the request timeout")).toBe(10_000)
      yield* TestClock.adjust("10 seconds")
      yield* TestClock.adjust(yield* awaitWakeUp((d) => d >= 50 && d < 5_000, "the retry after the timeout"))
      expect((yield* Fiber.join(fiber)).id).toBeGreaterThan(0)
    })
  )

  it.scoped("a write that times out is not retried: its answer may just be late", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages,
        faults: [{ method: "POST", fault: { kind: "delay", ms: 1500 } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, { requestsPerSecond: 1000, timeout: "10 seconds" })
      const fiber = yield* Effect.fork(Effect.flip(op.addComment({ id: 1, text: "late" })))
      yield* awaitWakeUp((d) => d === 10_000, "the request timeout")
      yield* TestClock.adjust("10 seconds")
      const error = yield* Fiber.join(fiber)
      expect(error).toMatchObject({ _tag: "TransportError", requestSent: true, method: "POST" })
      expect(error.message).toContain("no answer within 10 s")
    })
  )
})
