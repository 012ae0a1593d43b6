import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect } from "effect"
import { type SandboxConfig, startSandbox } from "../../src/sandbox/Sandbox.js"
import { makeClient } from "./support/client.js"

const API_KEY = "opapi-errors-test-key-9a7e"
const workPackages = [
  { id: 1, subject: "First", status: "New" },
  { id: 2, subject: "Second", status: "In progress" }
]

/** A sandbox and a client for it; retries off unless a test is about them (they would wait on the TestClock). */
const setUp = (config: Partial<SandboxConfig> = {}, maxRetries = 0) =>
  Effect.gen(function* () {
    const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages, ...config })
    const op = yield* makeClient(sandbox.url, API_KEY, { maxRetries })
    return { sandbox, op, api: `${sandbox.url}/api/v3` }
  })

const DEFAULT_RETRIES = 4

describe("OpenProject client errors, over sockets against the sandbox", () => {
  it.scoped("401 → Unauthenticated, with how to make a new token, not retried", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages })
      const op = yield* makeClient(sandbox.url, "opapi-revoked-token", { maxRetries: DEFAULT_RETRIES })
      const error = yield* Effect.flip(op.me())
      expect(error).toMatchObject({ _tag: "Unauthenticated", method: "GET", url: `${sandbox.url}/api/v3/users/me` })
      expect(error.message).toContain("My account → Access tokens")
      expect(yield* sandbox.countRequests()).toBe(1)
    })
  )

  it.scoped("403 → MissingPermission", () =>
    Effect.gen(function* () {
      const { op, api } = yield* setUp({ faults: [{ method: "PATCH", fault: { kind: "status", status: 403 } }] })
      const error = yield* Effect.flip(op.setStatus({ id: 1, lockVersion: 1, statusHref: "/api/v3/statuses/4" }))
      expect(error).toMatchObject({
        _tag: "MissingPermission",
        method: "PATCH",
        url: `${api}/work_packages/1?notify=false`
      })
    })
  )

  it.scoped("404 → NotFound", () =>
    Effect.gen(function* () {
      const { op, api } = yield* setUp({}, DEFAULT_RETRIES)
      const error = yield* Effect.flip(op.workPackage(999))
      expect(error).toMatchObject({ _tag: "NotFound", method: "GET", url: `${api}/work_packages/999` })
    })
  )

  it.scoped("409 → UpdateConflict on a stale lockVersion, not retried", () =>
    Effect.gen(function* () {
      const { op, sandbox } = yield* setUp({}, DEFAULT_RETRIES)
      const wp = yield* op.workPackage(1)
      const error = yield* Effect.flip(
        op.setStatus({ id: 1, lockVersion: wp.lockVersion - 1, statusHref: "/api/v3/statuses/4" })
      )
      expect(error._tag).toBe("UpdateConflict")
      expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(1)
      expect((yield* sandbox.workPackage(1))?.status).toBe("New")
    })
  )

  it.scoped(
    "422 on the status → TransitionRefused with OpenProject's message and the workflow admin remedy, not retried",
    () =>
      Effect.gen(function* () {
        const { op, sandbox } = yield* setUp({ forbiddenTransitions: [{ from: "New", to: "Closed" }] }, DEFAULT_RETRIES)
        const closed = (yield* op.statuses()).find((s) => s.name === "Closed")
        const wp = yield* op.workPackage(1)
        const error = yield* Effect.flip(
          op.setStatus({ id: 1, lockVersion: wp.lockVersion, statusHref: closed?.href ?? "" })
        )
        expect(error._tag).toBe("TransitionRefused")
        expect(error.message).toContain("no valid transition exists")
        expect(error.message).toContain("Administration → Work packages → Workflow")
        expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(1)
      })
  )

  it.scoped("another 422 (a link to a non-status resource) → ValidationFailed with OpenProject's message", () =>
    Effect.gen(function* () {
      const { op } = yield* setUp()
      const wp = yield* op.workPackage(1)
      const error = yield* Effect.flip(
        op.setStatus({ id: 1, lockVersion: wp.lockVersion, statusHref: "/api/v3/users/5" })
      )
      expect(error).toMatchObject({ _tag: "ValidationFailed", status: 422 })
      expect(error._tag === "ValidationFailed" && error.errorIdentifier).toContain("ResourceTypeMismatch")
    })
  )

  it.scoped("415 → ContentTypeRejected", () =>
    Effect.gen(function* () {
      const { op } = yield* setUp({ faults: [{ method: "POST", fault: { kind: "status", status: 415 } }] })
      const error = yield* Effect.flip(op.addComment({ id: 1, text: "x" }))
      expect(error).toMatchObject({ _tag: "ContentTypeRejected", status: 415, method: "POST" })
    })
  )

  it.scoped("429 → RateLimited carrying the server's wait, once retries are used up", () =>
    Effect.gen(function* () {
      const { op } = yield* setUp({ faults: [{ fault: { kind: "status", status: 429, retryAfterSeconds: 3 } }] })
      const error = yield* Effect.flip(op.statuses())
      expect(error._tag).toBe("RateLimited")
      expect(error._tag === "RateLimited" && error.retryAfter && Duration.toMillis(error.retryAfter)).toBe(3000)
    })
  )

  it.scoped("5xx → ServerError", () =>
    Effect.gen(function* () {
      const { op } = yield* setUp({ faults: [{ fault: { kind: "status", status: 502 } }] })
      const error = yield* Effect.flip(op.observe([1]))
      expect(error).toMatchObject({ _tag: "ServerError", status: 502, method: "GET" })
    })
  )

  it.scoped("a write whose connection is cut → TransportError that may have been applied, not retried", () =>
    Effect.gen(function* () {
      const { op, sandbox } = yield* setUp({ faults: [{ method: "PATCH", fault: { kind: "reset" } }] }, DEFAULT_RETRIES)
      const error = yield* Effect.flip(op.setStatus({ id: 1, lockVersion: 1, statusHref: "/api/v3/statuses/4" }))
      expect(error).toMatchObject({ _tag: "TransportError", requestSent: true, method: "PATCH" })
      expect(error.message).toContain("read the work package again")
      expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(1)
    })
  )

  it.scoped("a lost answer to a comment → TransportError, and the comment is not posted twice", () =>
    Effect.gen(function* () {
      const { op, sandbox } = yield* setUp(
        { faults: [{ method: "POST", fault: { kind: "lostWrite" } }] },
        DEFAULT_RETRIES
      )
      const error = yield* Effect.flip(op.addComment({ id: 2, text: "audit" }))
      expect(error).toMatchObject({ _tag: "TransportError", requestSent: true })
      expect((yield* sandbox.workPackage(2))?.comments).toEqual(["audit"])
      expect(yield* op.comments(2)).toEqual(["audit"])
    })
  )

  it.scoped("nobody listening → TransportError that was not sent", () =>
    Effect.gen(function* () {
      const closedUrl = yield* Effect.scoped(Effect.map(startSandbox({ apiKey: API_KEY, workPackages }), (s) => s.url))
      const op = yield* makeClient(closedUrl, API_KEY, { maxRetries: 0 })
      const error = yield* Effect.flip(op.setStatus({ id: 1, lockVersion: 1, statusHref: "/api/v3/statuses/4" }))
      expect(error).toMatchObject({
        _tag: "TransportError",
        requestSent: false,
        url: `${closedUrl}/api/v3/work_packages/1?notify=false`
      })
    })
  )

  it.scoped("a status OpenProject never sends → UnexpectedResponse with the status and a body excerpt", () =>
    Effect.gen(function* () {
      const { op } = yield* setUp({ faults: [{ fault: { kind: "status", status: 418 } }] })
      const error = yield* Effect.flip(op.me())
      expect(error).toMatchObject({ _tag: "UnexpectedResponse", status: 418 })
      expect(error._tag === "UnexpectedResponse" && error.excerpt).toContain("errorIdentifier")
    })
  )
})
