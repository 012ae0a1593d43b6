import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Duration, Either, Schema } from "effect"
import { HalUser } from "../../src/openproject/Hal.js"
import {
  classifyFailure,
  decodeSuccess,
  type ReceivedResponse
} from "../../src/openproject/OpenProject/classifyResponse.js"

const example = (file: string) => readFileSync(join(import.meta.dirname, "../contract/examples", file), "utf8")
const URL_ = "https://op.example/api/v3/work_packages/7"
const answer = (
  status: number,
  body: string,
  headers: Record<string, string> = {},
  url: string = URL_,
  method = "PATCH"
): ReceivedResponse => ({
  method,
  url,
  status,
  headers,
  body
})

describe("classifyFailure: status code and errorIdentifier decide, never the message text", () => {
  const cases: ReadonlyArray<readonly [number, string, string]> = [
    [401, "error_401.json", "Unauthenticated"],
    [401, "error_401_no_credentials.json", "Unauthenticated"],
    [403, "error_403.json", "MissingPermission"],
    [404, "error_404.json", "NotFound"],
    [409, "error_409_update_conflict.json", "UpdateConflict"],
    [422, "error_422_status_transition.json", "TransitionRefused"],
    [422, "error_422_resource_type_mismatch.json", "ValidationFailed"],
    [422, "error_422_multiple.json", "ValidationFailed"],
    [400, "error_400_invalid_query.json", "ValidationFailed"],
    [400, "error_400_invalid_request_body.json", "ValidationFailed"],
    [415, "error_415_or_400_content_type.json", "ContentTypeRejected"],
    [406, "error_406_missing_content_type.txt", "ContentTypeRejected"],
    [429, "error_429_throttled.json", "RateLimited"]
  ]
  for (const [status, file, tag] of cases) {
    it(`${status} ${file} → ${tag}, naming method and path`, () => {
      const error = classifyFailure(answer(status, example(file)), 0)
      expect(error._tag).toBe(tag)
      expect(error.message).toMatch(/^PATCH \/api\/v3\/work_packages\/7: /)
    })
  }

  it("carries OpenProject's message and the workflow admin remedy on a workflow refusal", () => {
    const error = classifyFailure(answer(422, example("error_422_status_transition.json")), 0)
    expect(error.message).toContain("no valid transition exists from old to new status")
    expect(error.message).toContain(
      "allow it in OpenProject (Administration → Work packages → Workflow, for this work package's type and the API user's role)"
    )
    expect(error.message).not.toContain("Align the status names")
    expect(error.message).not.toContain("runbook")
  })

  it("finds a workflow refusal inside a MultipleErrors wrapper", () => {
    const body = JSON.stringify({
      _type: "Error",
      errorIdentifier: "urn:openproject-org:api:v3:errors:MultipleErrors",
      message: "Multiple fields violated their constraints.",
      _embedded: { errors: [JSON.parse(example("error_422_status_transition.json"))] }
    })
    expect(classifyFailure(answer(422, body), 0)._tag).toBe("TransitionRefused")
  })

  it("a PropertyConstraintViolation on another attribute is a ValidationFailed naming it", () => {
    const body = example("error_422_status_transition.json").replace('"attribute": "status"', '"attribute": "subject"')
    const error = classifyFailure(answer(422, body), 0)
    expect(error).toMatchObject({ _tag: "ValidationFailed", attribute: "subject", status: 422 })
  })

  it("tells how to replace a revoked token on 401", () => {
    const message = classifyFailure(answer(401, example("error_401.json")), 0).message
    expect(message).toContain("My account → Access tokens")
    expect(message).toContain("OPENPROJECT_API_KEY")
    expect(message).not.toContain("runbook")
  })

  it("takes the wait from Retry-After seconds, a Retry-After date, or RateLimit-Reset", () => {
    const now = Date.parse("2026-01-01T00:00:00Z")
    const wait = (headers: Record<string, string>) => {
      const error = classifyFailure(answer(429, example("error_429_throttled.json"), headers), now)
      return error._tag === "RateLimited" && error.retryAfter !== undefined
        ? Duration.toMillis(error.retryAfter)
        : undefined
    }
    expect(wait({ "retry-after": "7" })).toBe(7000)
    expect(wait({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" })).toBe(30_000)
    expect(wait({ "ratelimit-reset": String(now / 1000 + 3) })).toBe(3000)
    expect(wait({ "ratelimit-reset": "2" })).toBe(2000)
    expect(wait({})).toBeUndefined()
  })

  it("5xx is a ServerError, also with an HTML body from a proxy", () => {
    const error = classifyFailure(answer(502, "<html><body>Bad Gateway</body></html>"), 0)
    expect(error).toMatchObject({ _tag: "ServerError", status: 502 })
  })

  it("a status OpenProject does not use is an UnexpectedResponse with a short excerpt", () => {
    const error = classifyFailure(answer(302, `<html>${"x".repeat(5000)}</html>`), 0)
    expect(error._tag).toBe("UnexpectedResponse")
    expect(error._tag === "UnexpectedResponse" && error.excerpt.length).toBeLessThanOrEqual(201)
  })

  it("a 422 MultipleErrors shows each inner message, not only its wrapper", () => {
    const error = classifyFailure(answer(422, example("error_422_multiple_create.json")), 0)
    expect(error._tag).toBe("ValidationFailed")
    expect(error.message).toContain(
      "OpenProject said: \"Multiple field constraints have been violated. Project can't be blank. Type can't be blank.\""
    )
  })

  it("names the method and the path, never the URL-encoded query of a collection request", () => {
    const url = `https://op.example/api/v3/work_packages?filters=${encodeURIComponent('[{"id":{"operator":"=","values":["1","2"]}}]')}&pageSize=1000`
    const error = classifyFailure({ method: "GET", url, status: 500, headers: {}, body: "" }, 0)
    expect(error.message).toMatch(/^GET \/api\/v3\/work_packages: /)
    expect(error.message).not.toContain("filters")
    expect(error.message).not.toContain("%5B")
  })

  it("a 404 on /statuses or the API root says the URL is wrong, not the work package id", () => {
    for (const path of ["/api/v3/statuses", "/api/v3", "/sub/api/v3/statuses"]) {
      const error = classifyFailure(answer(404, example("error_404.json"), {}, `https://op.example${path}`, "GET"), 0)
      expect(error.message).toContain("this is not the root of an OpenProject instance")
      expect(error.message).toContain("Set OPENPROJECT_URL")
      expect(error.message).not.toContain("work package id")
    }
    expect(classifyFailure(answer(404, example("error_404.json")), 0).message).toContain("Check the work package id")
  })

  it("scrubs a secret the server echoes back before it can reach a message", () => {
    const error = classifyFailure(answer(500, "token was s3cr3t-t0ken"), 0, (t) =>
      t.replaceAll("s3cr3t-t0ken", "[redacted]")
    )
    expect(error.message).not.toContain("s3cr3t-t0ken")
    expect(JSON.stringify(error)).not.toContain("s3cr3t-t0ken")
  })
})

describe("decodeSuccess", () => {
  it("a login page instead of JSON is an UnexpectedResponse with status and excerpt", () => {
    const result = decodeSuccess(HalUser)(answer(200, "<!DOCTYPE html><title>Sign in</title>"))
    expect(Either.isLeft(result) && result.left).toMatchObject({ _tag: "UnexpectedResponse", status: 200 })
    expect(Either.isLeft(result) && result.left.excerpt).toContain("Sign in")
  })

  it("says which field is missing", () => {
    const result = decodeSuccess(HalUser)(answer(200, JSON.stringify({ id: 1 })))
    expect(Either.isLeft(result) && result.left.message).toContain('["name"]')
  })

  it("ignores fields it does not know", () => {
    const result = decodeSuccess(HalUser)(answer(200, JSON.stringify({ id: 1, name: "A", extra: { deep: true } })))
    expect(Either.getOrUndefined(result)).toEqual(Schema.decodeUnknownSync(HalUser)({ id: 1, name: "A" }))
  })
})
