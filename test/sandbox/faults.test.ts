import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, callExpectingCut, patchStatus, startSandbox } from "../support/sandbox.js"

const base = { apiKey: "k", workPackages: [{ id: 1, subject: "One", status: "New" }] }

describe("sandbox fault injection", () => {
  it.scoped("a status fault on chosen occurrences: 429 with Retry-After and RateLimit-*, then normal answers", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({
        ...base,
        faults: [
          {
            method: "GET",
            path: "^/api/v3/statuses$",
            occurrences: [1],
            fault: { kind: "status", status: 429, retryAfterSeconds: 2, rateLimitResetSeconds: 3 }
          }
        ]
      })
      const throttled = yield* call(sb, "/api/v3/statuses")
      expect(throttled.status).toBe(429)
      expect(throttled.headers.get("retry-after")).toBe("2")
      expect(throttled.headers.get("ratelimit-remaining")).toBe("0")
      expect(Number(throttled.headers.get("ratelimit-reset"))).toBeGreaterThan(Date.now() / 1000)
      expect(at(throttled.json, "errorIdentifier")).toBe("urn:openproject-org:api:v3:errors:Throttled")
      expect((yield* call(sb, "/api/v3/statuses")).status).toBe(200)
      // Other paths are not counted by the rule.
      expect((yield* call(sb, "/api/v3/users/me")).status).toBe(200)
    })
  )

  it.scoped("5xx faults added while running, on the 2nd and 3rd match", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(base)
      yield* sb.addFault({
        path: "^/api/v3/work_packages/1$",
        occurrences: [2, 3],
        fault: { kind: "status", status: 503 }
      })
      const statuses: Array<number> = []
      for (let i = 0; i < 4; i++) statuses.push((yield* call(sb, "/api/v3/work_packages/1")).status)
      expect(statuses).toEqual([200, 503, 503, 200])
    })
  )

  it.scoped("a reset cuts the connection without an answer and is logged with status 0", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({ ...base, faults: [{ occurrences: [1], fault: { kind: "reset" } }] })
      const error = yield* callExpectingCut(sb, "/api/v3/users/me")
      expect(error).toBeInstanceOf(Error)
      expect((yield* call(sb, "/api/v3/users/me")).status).toBe(200)
      expect((yield* sb.requestLog).map((e) => e.status)).toEqual([0, 200])
    })
  )

  it.scoped("a lost write applies the PATCH but the client never hears back", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({
        ...base,
        faults: [{ method: "PATCH", occurrences: [1], fault: { kind: "lostWrite" } }]
      })
      yield* callExpectingCut(sb, "/api/v3/work_packages/1", {
        method: "PATCH",
        body: { lockVersion: 1, _links: { status: { href: "/api/v3/statuses/4" } } }
      })
      expect(yield* sb.workPackage(1)).toMatchObject({ status: "In progress", lockVersion: 2 })
      // Retrying blindly with the old lockVersion now conflicts: the client must re-read first.
      expect((yield* patchStatus(sb, 1, 1, 4)).status).toBe(409)
      expect(yield* sb.countRequests({ method: "PATCH" })).toBe(2)
      expect((yield* sb.requestLog)[0]?.status).toBe(0)
    })
  )

  it.scoped("a delay fault and fixed latency still answer normally", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({
        ...base,
        latencyMs: 5,
        faults: [{ path: "^/api/v3$", fault: { kind: "delay", ms: 20 } }]
      })
      const answer = yield* call(sb, "/api/v3")
      expect(answer.status).toBe(200)
      expect(at(answer.json, "_links", "statuses", "href")).toBe("/api/v3/statuses")
    })
  )

  it.scoped("a probability fault follows the seed: the same seed gives the same pattern", () =>
    Effect.gen(function* () {
      const pattern = (seed: number) =>
        Effect.gen(function* () {
          const sb = yield* startSandbox({
            ...base,
            seed,
            faults: [{ path: "^/api/v3/statuses$", probability: 0.5, fault: { kind: "status", status: 500 } }]
          })
          const statuses: Array<number> = []
          for (let i = 0; i < 30; i++) statuses.push((yield* call(sb, "/api/v3/statuses")).status)
          return statuses
        })
      const first = yield* pattern(42)
      expect(yield* pattern(42)).toEqual(first)
      expect(first).toContain(500)
      expect(first).toContain(200)
      expect(yield* pattern(7)).not.toEqual(first)
    })
  )
})
