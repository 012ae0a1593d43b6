import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, startSandbox } from "../support/sandbox.js"

const seed = { apiKey: "k", workPackages: [{ id: 7, subject: "Seven", status: "New" }] }

describe("sandbox Content-Type and body checks", () => {
  it.scoped("a PATCH without Content-Type gets 406 in plain text", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* call(sb, "/api/v3/work_packages/7", { method: "PATCH" })
      expect(answer.status).toBe(406)
      expect(answer.headers.get("content-type")).toMatch(/^text\/plain/)
      expect(answer.text).toBe("Missing content-type header")
    })
  )

  it.scoped("a form-encoded PATCH gets 415 TypeNotSupported naming the type", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* call(sb, "/api/v3/work_packages/7", {
        method: "PATCH",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "lockVersion=1"
      })
      expect(answer.status).toBe(415)
      expect(answer.json).toEqual({
        _type: "Error",
        errorIdentifier: "urn:openproject-org:api:v3:errors:TypeNotSupported",
        message:
          "Expected CONTENT-TYPE to be 'application/json application/hal+json' but got 'application/x-www-form-urlencoded'."
      })
    })
  )

  it.scoped("hal+json with a charset is accepted; malformed JSON is 400 InvalidRequestBody", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const ok = yield* call(sb, "/api/v3/work_packages/7/form", {
        method: "POST",
        headers: { "content-type": "application/hal+json; charset=utf-8" },
        body: "{}"
      })
      expect(ok.status).toBe(200)
      for (const body of ["{not json", "[1,2]"]) {
        const bad = yield* call(sb, "/api/v3/work_packages/7", { method: "PATCH", body })
        expect(bad.status).toBe(400)
        expect(at(bad.json, "errorIdentifier")).toBe("urn:openproject-org:api:v3:errors:InvalidRequestBody")
      }
    })
  )

  it.scoped("404 comes before the body check: a missing work package with a broken body is 404", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* call(sb, "/api/v3/work_packages/8", { method: "PATCH", body: "{broken" })
      expect(answer.status).toBe(404)
      expect(at(answer.json, "message")).toBe(
        "The work package you are looking for cannot be found or has been deleted."
      )
    })
  )
})
