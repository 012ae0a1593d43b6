import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, startSandbox } from "../support/sandbox.js"

const seed = { apiKey: "sandbox-key-123", workPackages: [{ id: 1, subject: "One", status: "New" }] }

describe("sandbox authentication", () => {
  it.scoped("no credentials: 401 with the code_401 text and a Basic challenge", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* call(sb, "/api/v3/users/me", { auth: false })
      expect(answer.status).toBe(401)
      expect(answer.headers.get("content-type")).toBe("application/hal+json; charset=utf-8")
      expect(answer.headers.get("www-authenticate")).toBe('Basic realm="OpenProject API"')
      expect(answer.json).toEqual({
        _type: "Error",
        errorIdentifier: "urn:openproject-org:api:v3:errors:Unauthenticated",
        message: "You need to be authenticated to access this resource."
      })
    })
  )

  it.scoped("wrong key, wrong user name or garbage: 401 'did not provide the correct credentials'", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const wrongKey = `Basic ${Buffer.from("apikey:nope").toString("base64")}`
      const wrongUser = `Basic ${Buffer.from(`admin:${seed.apiKey}`).toString("base64")}`
      for (const authorization of [wrongKey, wrongUser, "Digest abc"]) {
        const answer = yield* call(sb, "/api/v3/users/me", { headers: { authorization } })
        expect(answer.status).toBe(401)
        expect(at(answer.json, "message")).toBe("You did not provide the correct credentials.")
      }
    })
  )

  it.scoped("auth runs before everything else: a bad key on a PATCH without Content-Type is a 401", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* call(sb, "/api/v3/work_packages/999", {
        method: "PATCH",
        headers: { authorization: "Basic eA==" }
      })
      expect(answer.status).toBe(401)
    })
  )

  it.scoped("Basic apikey:<key> is accepted; Bearer only when enabled", () =>
    Effect.gen(function* () {
      const basicOnly = yield* startSandbox(seed)
      expect((yield* call(basicOnly, "/api/v3/users/me")).status).toBe(200)
      const bearerRefused = yield* call(basicOnly, "/api/v3/users/me", {
        headers: { authorization: `Bearer ${seed.apiKey}` }
      })
      expect(bearerRefused.status).toBe(401)
      expect(bearerRefused.headers.get("www-authenticate")).toBe('Bearer realm="OpenProject API" error="invalid_token"')

      const withBearer = yield* startSandbox({ ...seed, bearer: true })
      const accepted = yield* call(withBearer, "/api/v3/users/me", {
        headers: { authorization: `Bearer ${seed.apiKey}` }
      })
      expect(accepted.status).toBe(200)
      expect(at(accepted.json, "_type")).toBe("User")
    })
  )

  it.scoped("the root names the API user", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const root = yield* call(sb, "/api/v3")
      const me = yield* call(sb, "/api/v3/users/me")
      expect(root.status).toBe(200)
      expect(at(root.json, "_links", "user", "href")).toBe(at(me.json, "_links", "self", "href"))
      expect(at(root.json, "_links", "workPackages", "href")).toBe("/api/v3/work_packages")
    })
  )
})
