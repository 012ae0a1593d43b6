import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, startSandbox } from "../support/sandbox.js"

const seed = {
  apiKey: "k",
  statuses: [
    { id: 1, name: "New", isClosed: false },
    { id: 2, name: "In Progress", isClosed: false },
    { id: 5, name: "Closed", isClosed: true },
    { id: 6, name: "Rejected", isClosed: true }
  ],
  workPackages: [{ id: 1528, subject: "Develop API", status: "In Progress" }],
  forbiddenTransitions: [{ from: "In Progress", to: "Rejected" }]
}

const form = (statusHref?: string) => ({
  method: "POST",
  body: statusHref === undefined ? {} : { lockVersion: 1, _links: { status: { href: statusHref } } }
})

describe("sandbox POST /api/v3/work_packages/{id}/form", () => {
  it.scoped("allowedValues are the workflow's targets from the current status, the current one included", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* call(sb, "/api/v3/work_packages/1528/form", form())
      expect(answer.status).toBe(200)
      expect(at(answer.json, "_type")).toBe("Form")
      expect(at(answer.json, "_embedded", "schema", "status", "_links", "allowedValues")).toEqual([
        { href: "/api/v3/statuses/1", title: "New" },
        { href: "/api/v3/statuses/2", title: "In Progress" },
        { href: "/api/v3/statuses/5", title: "Closed" }
      ])
      expect(at(answer.json, "_embedded", "validationErrors")).toEqual({})
      expect(at(answer.json, "_links", "commit", "method")).toBe("patch")
    })
  )

  it.scoped("a status that is not allowed is reported in validationErrors, still with 200 and no commit", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* call(sb, "/api/v3/work_packages/1528/form", form("/api/v3/statuses/6"))
      expect(answer.status).toBe(200)
      expect(at(answer.json, "_embedded", "validationErrors", "status", "message")).toBe(
        "Status is invalid because no valid transition exists from old to new status for the current user's roles."
      )
      expect(at(answer.json, "_embedded", "payload", "_links", "status", "title")).toBe("Rejected")
      expect(at(answer.json, "_links", "commit")).toBeUndefined()
      // The form saves nothing.
      expect(yield* sb.workPackage(1528)).toMatchObject({ status: "In Progress", lockVersion: 1 })
    })
  )
})
