import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { makeClient } from "./support/client.js"

const API_KEY = "opapi-check-transition-key-7c21"
const TRANSITION_REFUSED =
  "Status is invalid because no valid transition exists from old to new status for the current user's roles."

const setUp = Effect.gen(function* () {
  const sandbox = yield* startSandbox({
    apiKey: API_KEY,
    workPackages: [{ id: 7, subject: "Seven", status: "New" }],
    types: [{ name: "Task", transitions: { New: ["In progress", "Rejected"], "In progress": ["Closed"] } }]
  })
  const op = yield* makeClient(sandbox.url, API_KEY, { requestsPerSecond: 1000 })
  const statuses = yield* op.statuses()
  const href = (name: string) => statuses.find((s) => s.name === name)?.href ?? ""
  return { sandbox, op, href }
})

describe("OpenProject.checkTransition (the form as a server-side dry-run)", () => {
  it.scoped("an allowed change: no refusal, and the statuses allowed from the persisted one", () =>
    Effect.gen(function* () {
      const { sandbox, op, href } = yield* setUp
      const check = yield* op.checkTransition({ id: 7, lockVersion: 1, statusHref: href("In progress") })
      expect(check.refusal).toBeUndefined()
      expect(check.allowed.map((s) => s.title)).toEqual(["New", "In progress", "Rejected"])
      // it wrote nothing, and it sent the change it asked about
      expect(yield* sandbox.workPackage(7)).toMatchObject({ status: "New", lockVersion: 1 })
      expect(yield* sandbox.countRequests({ method: "POST", pathPrefix: "/api/v3/work_packages/7/form" })).toBe(1)
    })
  )

  it.scoped("a refused change carries OpenProject's own message and identifier", () =>
    Effect.gen(function* () {
      const { op, href } = yield* setUp
      const check = yield* op.checkTransition({ id: 7, lockVersion: 1, statusHref: href("Closed") })
      expect(check.refusal?.message).toBe(TRANSITION_REFUSED)
      expect(check.refusal?.errorIdentifier).toBe("urn:openproject-org:api:v3:errors:PropertyConstraintViolation")
      expect(check.allowed.map((s) => s.title)).toEqual(["New", "In progress", "Rejected"])
    })
  )

  it.scoped("a work package that is gone is the client's NotFound, as for every request", () =>
    Effect.gen(function* () {
      const { op, href } = yield* setUp
      const error = yield* Effect.flip(op.checkTransition({ id: 99, lockVersion: 1, statusHref: href("Closed") }))
      expect(error._tag).toBe("NotFound")
    })
  )
})
