import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, TestClock } from "effect"
import { awaitCondition, awaitWakeUp } from "../support/testClock.js"
import { makeClient } from "./support/client.js"
import { startStubServer } from "./support/stubServer.js"

const API_KEY = "opapi-politeness-test-key-e5"
const user = JSON.stringify({ _type: "User", id: 1, name: "A" })

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

  it.scoped("sends no more than requestsPerSecond: a burst of that size, then one per 1/rate seconds", () =>
    Effect.gen(function* () {
      const stub = yield* startStubServer(() => ({ status: 200, body: user }))
      const op = yield* makeClient(stub.url, API_KEY, { requestsPerSecond: 2 })
      const fiber = yield* Effect.fork(Effect.all([op.me(), op.me(), op.me()], { concurrency: "unbounded" }))
      yield* awaitCondition(
        Effect.sync(() => stub.targets().length === 2),
        "the first two requests"
      )
      // the third waits for a token, refilled every 500 ms of the (test) clock
      expect(yield* awaitWakeUp((d) => d === 500, "the token refill")).toBe(500)
      expect(Option.isNone(yield* Fiber.poll(fiber))).toBe(true)
      expect(stub.targets().length).toBe(2)
      yield* TestClock.adjust("500 millis")
      expect((yield* Fiber.join(fiber)).length).toBe(3)
      expect(stub.targets().length).toBe(3)
    })
  )
})
