import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { at, call, patchStatus, startSandbox } from "../support/sandbox.js"

const seed = { apiKey: "k", workPackages: [{ id: 5, subject: "Five", status: "New" }] }

const comment = (raw: string) => ({ comment: { raw } })

describe("sandbox activities and comments", () => {
  it.scoped("a comment POST answers 201 Activity::Comment holding the text", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const answer = yield* call(sb, "/api/v3/work_packages/5/activities?notify=false", {
        method: "POST",
        body: comment("Synced <from> plan")
      })
      expect(answer.status).toBe(201)
      expect(at(answer.json, "_type")).toBe("Activity::Comment")
      expect(at(answer.json, "comment", "raw")).toBe("Synced <from> plan")
      expect(at(answer.json, "comment", "html")).toBe('<p class="op-uc-p">Synced &lt;from&gt; plan</p>')
      expect(at(answer.json, "_links", "workPackage", "href")).toBe("/api/v3/work_packages/5")
      expect((yield* sb.workPackage(5))?.comments).toEqual(["Synced <from> plan"])
      expect(yield* sb.notifications).toEqual([{ workPackageId: 5, kind: "comment", notify: false }])
    })
  )

  it.scoped("a comment right after the same user's status change merges into that journal", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      yield* patchStatus(sb, 5, 1, 4)
      const posted = yield* call(sb, "/api/v3/work_packages/5/activities", { method: "POST", body: comment("Why") })
      expect(at(posted.json, "details", 0, "raw")).toBe("Status changed from New to In progress")
      expect(at(posted.json, "version")).toBe(2)

      const list = yield* call(sb, "/api/v3/work_packages/5/activities")
      expect(at(list.json, "_type")).toBe("Collection")
      // The creation journal plus one merged journal.
      expect(at(list.json, "total")).toBe(2)
      expect(at(list.json, "_embedded", "elements", 1, "id")).toBe(at(posted.json, "id"))
      expect(at(list.json, "_embedded", "elements", 1, "comment", "raw")).toBe("Why")

      // A second comment does not merge into a journal that already has one.
      const second = yield* call(sb, "/api/v3/work_packages/5/activities", { method: "POST", body: comment("Again") })
      expect(at(second.json, "version")).toBe(3)
      expect(at(second.json, "details")).toEqual([])
    })
  )

  it.scoped("a body without `comment` is 400; an unknown work package 404", () =>
    Effect.gen(function* () {
      const sb = yield* startSandbox(seed)
      const missing = yield* call(sb, "/api/v3/work_packages/5/activities", { method: "POST", body: { text: "x" } })
      expect(missing.status).toBe(400)
      expect(at(missing.json, "_type")).toBe("Error")
      const unknown = yield* call(sb, "/api/v3/work_packages/6/activities", { method: "POST", body: comment("x") })
      expect(unknown.status).toBe(404)
      expect((yield* call(sb, "/api/v3/work_packages/6/activities")).status).toBe(404)
    })
  )
})
