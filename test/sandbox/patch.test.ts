import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, patchStatus, startSandbox } from "../support/sandbox.js"

// Default statuses: 1 Backlog, 2 New, 3 Specified, 4 In progress, 5 In testing, 6 Closed, 7 On hold, 8 Rejected.
const seed = {
  apiKey: "k",
  workPackages: [
    { id: 10, subject: "Ten", status: "New" },
    { id: 11, subject: "Eleven", status: "Closed", type: "Bug" }
  ],
  forbiddenTransitions: [
    { from: "Closed", to: "New" },
    { from: "New", to: "Rejected", type: "Bug" }
  ]
}

const identifier = (body: unknown) => at(body, "errorIdentifier")

describe("sandbox PATCH /api/v3/work_packages/{id}", () => {
  it.scoped("a status change answers 200 with lockVersion + 1, the new status and a journal detail", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* patchStatus(sb, 10, 1, 4, "?notify=false")
      expect(answer.status).toBe(200)
      expect(at(answer.json, "lockVersion")).toBe(2)
      expect(at(answer.json, "_links", "status")).toEqual({ href: "/api/v3/statuses/4", title: "In progress" })
      expect(at(answer.json, "_embedded", "status", "name")).toBe("In progress")
      expect(yield* sb.workPackage(10)).toMatchObject({ status: "In progress", statusId: 4, lockVersion: 2 })
      const activities = yield* call(sb, "/api/v3/work_packages/10/activities")
      expect(at(activities.json, "_embedded", "elements", 1, "details", 0, "raw")).toBe(
        "Status changed from New to In progress"
      )
      expect(yield* sb.notifications).toEqual([{ workPackageId: 10, kind: "update", notify: false }])
    })
  )

  it.scoped("only the literal notify=false disables notifications", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      yield* patchStatus(sb, 10, 1, 3, "?notify=Something")
      yield* patchStatus(sb, 10, 2, 4)
      expect((yield* sb.notifications).map((n) => n.notify)).toEqual([true, true])
    })
  )

  it.scoped("a missing or stale lockVersion is 409 UpdateConflict and changes nothing", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const missing = yield* patchStatus(sb, 10, undefined, 4)
      const stale = yield* patchStatus(sb, 10, 0, 4)
      for (const answer of [missing, stale]) {
        expect(answer.status).toBe(409)
        expect(at(answer.json, "message")).toBe("Couldn't update the resource because of conflicting modifications.")
      }
      expect(yield* sb.workPackage(10)).toMatchObject({ status: "New", lockVersion: 1 })
    })
  )

  it.scoped("a transition the workflow forbids is the exact 422 on status, per type", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const refused = yield* patchStatus(sb, 11, 1, 2)
      expect(refused.status).toBe(422)
      expect(refused.json).toEqual({
        _type: "Error",
        errorIdentifier: "urn:openproject-org:api:v3:errors:PropertyConstraintViolation",
        message:
          "Status is invalid because no valid transition exists from old to new status for the current user's roles.",
        _embedded: { details: { attribute: "status" } }
      })
      // New → Rejected is forbidden for Bugs only: wp 10 is a Task.
      expect((yield* patchStatus(sb, 10, 1, 8)).status).toBe(200)
      expect(yield* sb.workPackage(11)).toMatchObject({ status: "Closed", lockVersion: 1 })
    })
  )

  it.scoped(
    "a link to something other than a status is 422 ResourceTypeMismatch; an unknown status 422 on status",
    () =>
      Effect.gen(function* () {
        const sb = yield* startSandbox(seed)
        const mismatch = yield* call(sb, "/api/v3/work_packages/10", {
          method: "PATCH",
          body: { lockVersion: 1, _links: { status: { href: "/api/v3/users/5" } } }
        })
        expect(mismatch.status).toBe(422)
        expect(at(mismatch.json, "message")).toBe(
          "For property 'status' a resource of type '/api/v3/statuses/:id' is expected but got a resource of type '/api/v3/users/5'."
        )
        const unknown = yield* patchStatus(sb, 10, 1, 99)
        expect(unknown.status).toBe(422)
        expect(identifier(unknown.json)).toBe("urn:openproject-org:api:v3:errors:PropertyConstraintViolation")
        expect(at(unknown.json, "_embedded", "details", "attribute")).toBe("status")
      })
  )

  it.scoped("the same status is a no-op (lockVersion unchanged) and a `comment` key is ignored", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const same = yield* patchStatus(sb, 10, 1, 2)
      expect(same.status).toBe(200)
      expect(at(same.json, "lockVersion")).toBe(1)
      const withComment = yield* call(sb, "/api/v3/work_packages/10", {
        method: "PATCH",
        body: { lockVersion: 1, comment: { raw: "dropped" }, _links: { status: { href: "/api/v3/statuses/3" } } }
      })
      expect(withComment.status).toBe(200)
      expect(yield* sb.workPackage(10)).toMatchObject({ status: "Specified", lockVersion: 2, comments: [] })
    })
  )

  it.scoped("an unknown work package is 404 NotFound, also for a non-numeric id", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      expect((yield* patchStatus(sb, 12, 1, 4)).status).toBe(404)
      const single = yield* call(sb, "/api/v3/work_packages/abc")
      expect(single.status).toBe(404)
      expect(identifier(single.json)).toBe("urn:openproject-org:api:v3:errors:NotFound")
    })
  )
})
