import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, patchStatus, startSandbox } from "../support/sandbox.js"

const q = (filters: unknown) => encodeURIComponent(JSON.stringify(filters))

describe("sandbox concurrent edits", () => {
  it.scoped("after the first read another user moves the work package: the reader's PATCH conflicts", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({
        apiKey: "k",
        workPackages: [{ id: 3, subject: "Three", status: "New" }],
        concurrentEdits: [{ workPackageId: 3, afterReads: 1, status: "On hold" }]
      })
      const seen = yield* call(sb, "/api/v3/work_packages/3")
      expect(at(seen.json, "lockVersion")).toBe(1)
      expect(at(seen.json, "_links", "status", "title")).toBe("New")

      const conflict = yield* patchStatus(sb, 3, 1, 4)
      expect(conflict.status).toBe(409)

      const reread = yield* call(sb, "/api/v3/work_packages/3")
      expect(at(reread.json, "lockVersion")).toBe(2)
      expect(at(reread.json, "_links", "status", "title")).toBe("On hold")
      expect((yield* patchStatus(sb, 3, 2, 4)).status).toBe(200)

      // The other user's change is in the history, by another user.
      const activities = yield* call(sb, "/api/v3/work_packages/3/activities")
      expect(at(activities.json, "_embedded", "elements", 1, "details", 0, "raw")).toBe(
        "Status changed from New to On hold"
      )
      expect(at(activities.json, "_embedded", "elements", 1, "_links", "user", "href")).not.toBe(
        at(activities.json, "_embedded", "elements", 2, "_links", "user", "href")
      )
    })
  )

  it.scoped("reads as collection elements count too; an edit without a status only bumps lockVersion", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox({
        apiKey: "k",
        workPackages: [
          { id: 1, subject: "One", status: "New" },
          { id: 2, subject: "Two", status: "New" }
        ],
        concurrentEdits: [{ workPackageId: 2, afterReads: 2 }]
      })
      const list = `/api/v3/work_packages?filters=${q([{ id: { operator: "=", values: ["1", "2"] } }])}`
      yield* call(sb, list)
      expect((yield* sb.workPackage(2))?.lockVersion).toBe(1)
      const second = yield* call(sb, list)
      expect(at(second.json, "_embedded", "elements", 1, "lockVersion")).toBe(1)
      expect(yield* sb.workPackage(2)).toMatchObject({ lockVersion: 2, status: "New" })
      expect((yield* sb.workPackage(1))?.lockVersion).toBe(1)
    })
  )
})
