import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, patchStatus, startSandbox } from "../support/sandbox.js"

/**
 * Per-type workflows as OpenProject models them (README §13): the default seed is a full mesh over a type's
 * own statuses; an instance may list exact transitions; the allowed set is computed from the persisted status.
 */

const statuses = [
  { id: 1, name: "New", isClosed: false },
  { id: 2, name: "Specified", isClosed: false },
  { id: 3, name: "In progress", isClosed: false },
  { id: 4, name: "On hold", isClosed: false },
  { id: 5, name: "Closed", isClosed: true },
  { id: 6, name: "Rejected", isClosed: true }
]

const seed = {
  apiKey: "k",
  statuses,
  types: [
    { name: "Task", statuses: ["New", "In progress", "On hold", "Rejected", "Closed"] },
    {
      name: "Bug",
      transitions: { New: ["In progress", "Rejected"], "In progress": ["Closed", "New"] }
    }
  ],
  workPackages: [
    { id: 1, subject: "A task", status: "New", type: "Task" },
    { id: 2, subject: "A bug", status: "New", type: "Bug" },
    { id: 3, subject: "Another bug", status: "New", type: "Bug" }
  ]
}

const allowedTitles = (json: unknown) => {
  const links = at(json, "_embedded", "schema", "status", "_links", "allowedValues")
  return Array.isArray(links) ? links.map((l) => at(l, "title")) : links
}

const formFor = (lockVersion: number, statusId: number) => ({
  method: "POST",
  body: { lockVersion, _links: { status: { href: `/api/v3/statuses/${statusId}` } } }
})

describe("sandbox per-type workflows", () => {
  it.scoped("the default seed's mesh: a Task moves among its own statuses only (Specified is refused)", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const form = yield* call(sb, "/api/v3/work_packages/1/form", { method: "POST", body: {} })
      expect(allowedTitles(form.json)).toEqual(["New", "In progress", "On hold", "Closed", "Rejected"])
      const refused = yield* patchStatus(sb, 1, 1, 2)
      expect(refused.status).toBe(422)
      expect(at(refused.json, "errorIdentifier")).toBe("urn:openproject-org:api:v3:errors:PropertyConstraintViolation")
      expect(at(refused.json, "_embedded", "details", "attribute")).toBe("status")
      expect((yield* patchStatus(sb, 1, 1, 5)).status).toBe(200)
    })
  )

  it.scoped(
    "listed transitions: New → Closed is refused on the form and on PATCH, New → In progress → Closed works",
    () =>
      Effect.gen(function* () {
        const sb = yield* startSandbox(seed)
        const direct = yield* call(sb, "/api/v3/work_packages/2/form", formFor(1, 5))
        expect(direct.status).toBe(200)
        expect(at(direct.json, "_embedded", "validationErrors", "status", "message")).toBe(
          "Status is invalid because no valid transition exists from old to new status for the current user's roles."
        )
        expect(allowedTitles(direct.json)).toEqual(["New", "In progress", "Rejected"])
        expect(at(direct.json, "_links", "commit")).toBeUndefined()

        const refused = yield* patchStatus(sb, 2, 1, 5)
        expect(refused.status).toBe(422)
        expect(at(refused.json, "message")).toBe(at(direct.json, "_embedded", "validationErrors", "status", "message"))

        const hop = yield* patchStatus(sb, 2, 1, 3)
        expect(hop.status).toBe(200)
        expect((yield* patchStatus(sb, 2, 2, 5)).status).toBe(200)
        expect(yield* sb.workPackage(2)).toMatchObject({ status: "Closed", lockVersion: 3 })
      })
  )

  it.scoped("allowedValues come from the persisted status, never from the status in the payload", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      // Asking about In progress does not reveal what In progress may move to: the answer is about New.
      const asked = yield* call(sb, "/api/v3/work_packages/3/form", formFor(1, 3))
      expect(at(asked.json, "_embedded", "validationErrors")).toEqual({})
      expect(allowedTitles(asked.json)).toEqual(["New", "In progress", "Rejected"])
      expect(yield* sb.workPackage(3)).toMatchObject({ status: "New", lockVersion: 1 })
    })
  )

  it.effect("a type that names an unknown status does not start", () =>
    Effect.gen(function* () {
      const failure = yield* Effect.scoped(
        Effect.flip(startSandbox({ ...seed, types: [{ name: "Bug", transitions: { New: ["Doing"] } }] }))
      )
      expect(failure.message).toContain('type "Bug" names an unknown status "Doing"')
    })
  )
})
