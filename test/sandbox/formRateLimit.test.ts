import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { countRequest, emptyThrottleBook } from "../../src/sandbox/formThrottle.js"
import { at, basicAuth, call, patchStatus, startSandbox } from "../support/sandbox.js"

const rule = { limit: 6, periodSeconds: 3 }

describe("the form's optional rate limit (OpenProject's api_v3 rule)", () => {
  it("counts per key in fixed windows aligned to the epoch; the 7th in a window is throttled until its end", () => {
    const start = 1_800_000_000_000 // an epoch second divisible by 3: a window starts here
    let book = emptyThrottleBook
    const verdicts: Array<string> = []
    for (let i = 0; i < 7; i++) {
      const [verdict, next] = countRequest(book, rule, "Basic a", start + i * 100)
      book = next
      verdicts.push(verdict._tag === "Throttled" ? `429 until ${verdict.resetEpochSeconds}` : "pass")
    }
    expect(verdicts).toEqual([...Array(6).fill("pass"), "429 until 1800000003"])
    // another key has its own count; the next window starts afresh
    expect(countRequest(book, rule, "Basic b", start + 800)[0]._tag).toBe("Pass")
    expect(countRequest(book, rule, "Basic a", start + 3000)[0]._tag).toBe("Pass")
    // without an Authorization header Rack::Attack has no discriminator and does not throttle
    expect(countRequest(book, rule, undefined, start + 900)[0]._tag).toBe("Pass")
  })

  it.scoped("over a socket: 429 Throttled with RateLimit-* and no Retry-After, only on POST …/form", () =>
    Effect.gen(function* () {
      // A day-long window: the test cannot straddle two windows.
      const sb = yield* startSandbox({
        apiKey: "k",
        workPackages: [{ id: 1, subject: "One", status: "New" }],
        formRateLimit: { limit: 2, periodSeconds: 86_400 }
      })
      const statuses = [yield* call(sb, "/api/v3/work_packages/1/form", { method: "POST", body: {} })]
      statuses.push(yield* call(sb, "/api/v3/work_packages/1/form", { method: "POST", body: {} }))
      const third = yield* call(sb, "/api/v3/work_packages/1/form", { method: "POST", body: {} })
      expect(statuses.map((a) => a.status)).toEqual([200, 200])
      expect(third.status).toBe(429)
      expect(at(third.json, "errorIdentifier")).toBe("urn:openproject-org:api:v3:errors:Throttled")
      expect(at(third.json, "message")).toBe("You have reached the request limit for this resource.")
      expect(third.headers.get("ratelimit-limit")).toBe("2")
      expect(third.headers.get("ratelimit-remaining")).toBe("0")
      const reset = Number(third.headers.get("ratelimit-reset"))
      expect(reset % 86_400).toBe(0)
      expect(reset * 1000).toBeGreaterThan(Date.now())
      expect(third.headers.get("retry-after")).toBeNull()
      // reads and writes are never throttled by this rule; another Authorization header has its own count
      // (so this one reaches authentication, which refuses it, instead of being throttled)
      expect((yield* call(sb, "/api/v3/work_packages/1")).status).toBe(200)
      expect((yield* patchStatus(sb, 1, 1, 2)).status).toBe(200)
      const other = yield* call(sb, "/api/v3/work_packages/1/form", {
        method: "POST",
        body: {},
        headers: { authorization: basicAuth("wrong") }
      })
      expect(other.status).toBe(401)
    })
  )

  it.scoped("off by default, as in OpenProject", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({ apiKey: "k", workPackages: [{ id: 1, subject: "One", status: "New" }] })
      const answers = yield* Effect.forEach(Array.from({ length: 8 }), () =>
        call(sb, "/api/v3/work_packages/1/form", { method: "POST", body: {} })
      )
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(200))
    })
  )
})
