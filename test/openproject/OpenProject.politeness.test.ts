import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock } from "effect"
import { DEFAULTS } from "../../src/openproject/OpenProjectConfig.js"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { awaitCondition, awaitWakeUp } from "../support/testClock.js"
import { makeClient } from "./support/client.js"
import { startStubServer } from "./support/stubServer.js"

const API_KEY = "opapi-politeness-test-key-e5"
const user = JSON.stringify({ _type: "User", id: 1, name: "A" })

/** Waits on the limiter are at most a few seconds here; the 30 s request timeouts are told apart by that. */
const isLimiterWait = (delay: number) => delay > 0 && delay < 20_000

const isDone = <A, E>(fiber: Fiber.RuntimeFiber<A, E>) => Effect.map(Fiber.poll(fiber), Option.isSome)

describe("the client is polite to a shared OpenProject", () => {
  it.scoped("never has more requests in flight than its concurrency", () =>
    Effect.gen(function* () {
      const stub = yield* startStubServer(() => ({ status: 200, body: user, delayMs: 30 }))
      const op = yield* makeClient(stub.url, API_KEY, { concurrency: 2, requestsPerSecond: 1000 })
      yield* Effect.all(
        Array.from({ length: 8 }, () => op.me()),
        { concurrency: "unbounded" }
      )
      expect(stub.targets().length).toBe(8)
      expect(stub.peakInFlight()).toBe(2)
    })
  )

  it.scoped("a burst goes at once, then one request per 1/requestsPerSecond seconds", () =>
    Effect.gen(function* () {
      const stub = yield* startStubServer(() => ({ status: 200, body: user }))
      const op = yield* makeClient(stub.url, API_KEY, { requestsPerSecond: 2, burst: 3 })
      const fiber = yield* Effect.fork(Effect.all([op.me(), op.me(), op.me(), op.me()], { concurrency: "unbounded" }))
      yield* awaitCondition(
        Effect.sync(() => stub.targets().length === 3),
        "the burst of three"
      )
      // the fourth waits for a token, refilled every 500 ms of the (test) clock
      expect(yield* awaitWakeUp((d) => d === 500, "the token refill")).toBe(500)
      expect(yield* isDone(fiber)).toBe(false)
      expect(stub.targets().length).toBe(3)
      yield* TestClock.adjust("500 millis")
      expect((yield* Fiber.join(fiber)).length).toBe(4)
      expect(stub.targets().length).toBe(4)
    })
  )

  it.scoped("with the default flags the requests of an apply of 25 changes (audit comments too) never wait", () =>
    Effect.gen(function* () {
      const stub = yield* startStubServer(() => ({ status: 200, body: user }))
      const op = yield* makeClient(stub.url, API_KEY)
      // Per change its cause (activities), its workflow check, its PATCH and its comment; the reads:
      // statuses, a page, the key's user and, at most, a different person as each change's cause. The
      // test clock never moves, so a single wait on the limiter would leave the fiber unfinished.
      const requests = 25 * 4 + 2 + 1 + 25
      expect(requests).toBeLessThanOrEqual(DEFAULTS.burst)
      const fiber = yield* Effect.fork(Effect.all(Array.from({ length: requests }, () => op.me())))
      yield* awaitCondition(isDone(fiber), "every request of the run")
      expect(stub.targets().length).toBe(requests)
    })
  )

  it.scoped(
    "OpenProject's throttle (429, RateLimit-Reset, no Retry-After) holds back every request until the reset",
    () =>
      Effect.gen(function* () {
        const sandbox = yield* startSandbox({
          apiKey: API_KEY,
          workPackages: [{ id: 1, subject: "First", status: "New" }],
          faults: [
            { method: "POST", occurrences: [1], fault: { kind: "status", status: 429, rateLimitResetSeconds: 3 } }
          ]
        })
        // RateLimit-Reset is an epoch second of the server's clock: give the client's clock the same time
        yield* TestClock.setTime(Date.now())
        const op = yield* makeClient(sandbox.url, API_KEY)
        const check = yield* Effect.fork(op.allowedStatuses(1))
        const hold = yield* awaitWakeUp((d) => d >= 3000 && d < 20_000, "the wait for the reset")
        // another request of the same run waits for the same reset instead of going out now
        const read = yield* Effect.fork(op.workPackage(1))
        const readWait = yield* awaitWakeUp((d) => d > 0 && d <= hold && d >= hold - 1000, "the read's wait")
        expect(readWait).toBeGreaterThan(2000)
        expect(yield* sandbox.countRequests({ method: "GET" })).toBe(0)
        yield* TestClock.adjust(hold)
        expect((yield* Fiber.join(check)).length).toBeGreaterThan(0)
        expect((yield* Fiber.join(read)).id).toBe(1)
        expect(yield* sandbox.countRequests({ method: "POST" })).toBe(2)
        expect(yield* sandbox.countRequests({ method: "GET" })).toBe(1)
      })
  )

  it.scoped("a 429 halves the rate: after it, requests are paced at half the configured rate", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages: [{ id: 1, subject: "First", status: "New" }],
        faults: [{ method: "GET", occurrences: [1], fault: { kind: "status", status: 429, retryAfterSeconds: 1 } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, { requestsPerSecond: 4, burst: 10 })
      const first = yield* Effect.fork(op.workPackage(1))
      // the retry waits the server's second (the limiter holds for it as well)
      expect(yield* awaitWakeUp((d) => d === 1000, "the retry after Retry-After")).toBe(1000)
      yield* TestClock.adjust(1000)
      expect((yield* Fiber.join(first)).id).toBe(1)
      // the 429 emptied the bucket and halved 4/s to 2/s: by now (1 s later) two tokens came back, one was
      // spent on the retry; the one left goes at once, the next waits 500 ms, not 250
      yield* op.workPackage(1)
      const paced = yield* Effect.fork(op.workPackage(1))
      const wait = yield* awaitWakeUp(isLimiterWait, "the paced request")
      expect(wait).toBeGreaterThan(250)
      expect(wait).toBeLessThanOrEqual(500)
      yield* TestClock.adjust(wait)
      expect((yield* Fiber.join(paced)).id).toBe(1)
    })
  )

  it.scoped("RateLimit-Remaining: 0 on a success (a proxy's quota) holds the next request until RateLimit-Reset", () =>
    Effect.gen(function* () {
      const stub = yield* startStubServer(() => ({
        status: 200,
        body: user,
        headers: { "ratelimit-limit": "100", "ratelimit-remaining": "0", "ratelimit-reset": "2" }
      }))
      const op = yield* makeClient(stub.url, API_KEY)
      yield* op.me()
      const next = yield* Effect.fork(op.me())
      expect(yield* awaitWakeUp(isLimiterWait, "the hold until the reset")).toBe(2000)
      expect(stub.targets().length).toBe(1)
      yield* TestClock.adjust(2000)
      yield* Fiber.join(next)
      expect(stub.targets().length).toBe(2)
    })
  )
})
