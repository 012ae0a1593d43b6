import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, basicAuth, call, patchStatus, startSandbox } from "../support/sandbox.js"

const PAT_KEY = "pat-operator-key"
const seed = {
  apiKey: "k",
  workPackages: [{ id: 5, subject: "Five", status: "New" }],
  users: [{ apiKey: PAT_KEY, name: "Pat Operator" }]
}
const asPat = { headers: { authorization: basicAuth(PAT_KEY) } }

describe("sandbox users: other people with their own API keys", () => {
  it.scoped("a second key acts as its user: users/me, the API root and the journal of its edit are theirs", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const me = yield* call(sb, "/api/v3/users/me", asPat)
      expect([at(me.json, "_type"), at(me.json, "id"), at(me.json, "name")]).toEqual(["User", 3, "Pat Operator"])
      expect(at(me.json, "_links", "self", "href")).toBe("/api/v3/users/3")
      const root = yield* call(sb, "/api/v3", asPat)
      expect(at(root.json, "_links", "user")).toEqual({ href: "/api/v3/users/3", title: "Pat Operator" })
      expect(at((yield* call(sb, "/api/v3/users/me")).json, "name")).toBe("Sandbox User")

      const edited = yield* call(sb, "/api/v3/work_packages/5", {
        ...asPat,
        method: "PATCH",
        body: { lockVersion: 1, _links: { status: { href: "/api/v3/statuses/4" } } }
      })
      expect(edited.status).toBe(200)
      const list = yield* call(sb, "/api/v3/work_packages/5/activities")
      const last = at(list.json, "_embedded", "elements", 1)
      // OpenProject's activity examples carry only the href: a client resolves the name with users/{id}.
      expect(at(last, "_links", "user")).toEqual({ href: "/api/v3/users/3" })
      expect(at(last, "details", 0, "raw")).toBe("Status changed from New to In progress")
    })
  )

  it.scoped("users/{id} answers for every user; an unknown id is OpenProject's 404", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      expect(at((yield* call(sb, "/api/v3/users/1")).json, "name")).toBe("Sandbox User")
      expect(at((yield* call(sb, "/api/v3/users/2")).json, "name")).toBe("Project Admin")
      const pat = yield* call(sb, "/api/v3/users/3")
      expect([pat.status, at(pat.json, "firstName"), at(pat.json, "lastName")]).toEqual([200, "Pat", "Operator"])
      const unknown = yield* call(sb, "/api/v3/users/99")
      expect(unknown.status).toBe(404)
      expect(at(unknown.json, "message")).toBe("The specified user does not exist.")
      expect((yield* call(sb, "/api/v3/users/abc")).status).toBe(404)
    })
  )

  it.scoped("journals of different users never merge; the same user's change and comment do", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      yield* patchStatus(sb, 5, 1, 4)
      yield* call(sb, "/api/v3/work_packages/5/activities", { method: "POST", body: { comment: { raw: "Why" } } })
      yield* call(sb, "/api/v3/work_packages/5", {
        ...asPat,
        method: "PATCH",
        body: { lockVersion: 2, _links: { status: { href: "/api/v3/statuses/5" } } }
      })
      const list = yield* call(sb, "/api/v3/work_packages/5/activities")
      const users = [0, 1, 2].map((i) => at(list.json, "_embedded", "elements", i, "_links", "user", "href"))
      expect(users).toEqual(["/api/v3/users/2", "/api/v3/users/1", "/api/v3/users/3"])
      expect(at(list.json, "total")).toBe(3)
      // The comment and its status change are one journal; only its author may edit it.
      expect(at(list.json, "_embedded", "elements", 1, "comment", "raw")).toBe("Why")
      expect(at(list.json, "_embedded", "elements", 1, "_links", "update", "method")).toBe("patch")
      const asPatList = yield* call(sb, "/api/v3/work_packages/5/activities", asPat)
      expect(at(asPatList.json, "_embedded", "elements", 1, "_links", "update")).toBeUndefined()
    })
  )

  it.scoped("activityUserTitles: the user's name rides along as the link's title, as in some versions", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({ ...seed, activityUserTitles: true })
      const list = yield* call(sb, "/api/v3/work_packages/5/activities")
      expect(at(list.json, "_embedded", "elements", 0, "_links", "user")).toEqual({
        href: "/api/v3/users/2",
        title: "Project Admin"
      })
    })
  )

  it.effect("two users with one key cannot start", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(Effect.scoped(startSandbox({ ...seed, users: [{ apiKey: "k", name: "Twin" }] })))
      expect(error.message).toContain("two users share an API key")
    })
  )
})
