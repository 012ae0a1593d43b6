import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { call, startSandbox } from "../support/sandbox.js"

describe("sandbox request log", () => {
  it.scoped("records method, path, query and status of every request, refused ones included", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({ apiKey: "k", workPackages: [{ id: 1, subject: "One", status: "New" }] })
      yield* call(sb, "/api/v3/work_packages?pageSize=5&offset=1")
      yield* call(sb, "/api/v3/work_packages/1")
      yield* call(sb, "/api/v3/work_packages/2")
      yield* call(sb, "/api/v3/statuses", { auth: false })
      yield* call(sb, "/api/v3/work_packages/1/form", { method: "POST", body: {} })
      expect(yield* sb.requestLog).toEqual([
        { method: "GET", path: "/api/v3/work_packages", query: "pageSize=5&offset=1", status: 200 },
        { method: "GET", path: "/api/v3/work_packages/1", query: "", status: 200 },
        { method: "GET", path: "/api/v3/work_packages/2", query: "", status: 404 },
        { method: "GET", path: "/api/v3/statuses", query: "", status: 401 },
        { method: "POST", path: "/api/v3/work_packages/1/form", query: "", status: 200 }
      ])
      expect(yield* sb.countRequests()).toBe(5)
      expect(yield* sb.countRequests({ method: "get", pathPrefix: "/api/v3/work_packages" })).toBe(3)
      expect(yield* sb.countRequests({ method: "POST" })).toBe(1)
      yield* sb.clearRequestLog
      expect(yield* sb.countRequests()).toBe(0)
    })
  )

  it.scoped("a seed that names an unknown status or a bad fault path does not start", () =>
    Effect.gen(function* () {
      const unknownStatus = yield* Effect.flip(
        startSandbox({ apiKey: "k", workPackages: [{ id: 1, subject: "One", status: "Doing" }] })
      )
      expect(unknownStatus._tag).toBe("SandboxStartError")
      expect(unknownStatus.message).toContain('unknown status "Doing"')
      const badPath = yield* Effect.flip(
        startSandbox({ apiKey: "k", workPackages: [], faults: [{ path: "(", fault: { kind: "reset" } }] })
      )
      expect(badPath.message).toContain("not a valid regular expression")
    })
  )
})
