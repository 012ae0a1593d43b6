import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { chunkIds } from "../../src/openproject/OpenProject/workPackageQuery.js"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { makeClient } from "./support/client.js"

const API_KEY = "opapi-operations-test-key-58d1"
const STATUS_NAMES = ["Backlog", "New", "Specified", "In progress", "In testing", "Closed", "On hold", "Rejected"]

const seed = (count: number) =>
  Array.from({ length: count }, (_, i) => ({
    id: i + 1,
    subject: `Story ${i + 1}`,
    status: STATUS_NAMES[i % STATUS_NAMES.length] ?? "New"
  }))

describe("OpenProject client against the sandbox, over sockets", () => {
  it.scoped("observes 2,500 work packages, closed ones included, in one request per id chunk", () =>
    Effect.gen(function* () {
      const workPackages = seed(2500)
      const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages })
      const op = yield* makeClient(sandbox.url, API_KEY)
      const ids = workPackages.map((wp) => wp.id)

      const statuses = yield* op.statuses()
      // the plan's ids arrive unordered and repeated; both must not cost requests
      const observed = yield* op.observe([...ids].reverse().concat(ids.slice(0, 100)))

      expect(observed.size).toBe(2500)
      const closedIds = new Set(statuses.filter((s) => s.isClosed).map((s) => s.id))
      const closed = [...observed.values()].filter((wp) => closedIds.has(wp.statusId))
      expect(closed.length).toBe(workPackages.filter((wp) => wp.status === "Closed" || wp.status === "Rejected").length)
      for (const wp of workPackages) expect(observed.get(wp.id)?.statusName).toBe(wp.status)

      // 1 status list + 1 collection page per chunk: ids are chunked so the URL stays under 7,500
      // characters, which takes 4 chunks for ids 1..2500 (1,000 ids would need a ~11 KB URL).
      const chunks = chunkIds("", ids).length
      expect(chunks).toBe(4)
      expect(yield* sandbox.countRequests()).toBe(1 + chunks)
      expect(yield* sandbox.countRequests({ method: "GET", pathPrefix: "/api/v3/work_packages" })).toBe(chunks)
      const log = yield* sandbox.requestLog
      for (const entry of log.filter((e) => e.path === "/api/v3/work_packages")) {
        const query = new URLSearchParams(entry.query)
        expect(query.get("pageSize")).toBe("1000")
        expect(query.get("filters")).toContain('"id"')
        expect(entry.path.length + 1 + entry.query.length).toBeLessThanOrEqual(7500)
      }
    })
  )

  it.scoped("an id that does not exist is simply absent from the observed state", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages: seed(3) })
      const op = yield* makeClient(sandbox.url, API_KEY)
      const observed = yield* op.observe([1, 3, 404])
      expect([...observed.keys()].sort()).toEqual([1, 3])
      expect(yield* op.observe([])).toEqual(new Map())
      expect(yield* sandbox.countRequests()).toBe(1)
    })
  )

  it.scoped("reads one work package, sets its status with its lockVersion, without notifications by default", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages: seed(3) })
      const op = yield* makeClient(sandbox.url, API_KEY)
      const statuses = yield* op.statuses()
      const inProgress = statuses.find((s) => s.name === "In progress")
      expect(inProgress).toBeDefined()
      const before = yield* op.workPackage(2)
      expect(before).toMatchObject({ id: 2, statusName: "New" })

      const after = yield* op.setStatus({ id: 2, lockVersion: before.lockVersion, statusHref: inProgress?.href ?? "" })
      expect(after).toMatchObject({ id: 2, statusId: inProgress?.id, statusName: "In progress" })
      expect(after.lockVersion).toBeGreaterThan(before.lockVersion)
      expect(yield* sandbox.workPackage(2)).toMatchObject({ status: "In progress", lockVersion: after.lockVersion })

      const notified = yield* op.setStatus({
        id: 3,
        lockVersion: (yield* op.workPackage(3)).lockVersion,
        statusHref: inProgress?.href ?? "",
        notify: true
      })
      expect(notified.statusName).toBe("In progress")
      expect((yield* sandbox.notifications).map((n) => [n.workPackageId, n.notify])).toEqual([
        [2, false],
        [3, true]
      ])
      const patches = (yield* sandbox.requestLog).filter((e) => e.method === "PATCH").map((e) => e.query)
      expect(patches).toEqual(["notify=false", "notify=true"])
    })
  )

  it.scoped("posts an audit comment and reads comments back", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages: seed(1) })
      const op = yield* makeClient(sandbox.url, API_KEY)
      const text = "Status set to **In progress** by op-reconcile (plan.md:12)."
      yield* op.addComment({ id: 1, text })
      expect(yield* op.comments(1)).toEqual([text])
      expect((yield* sandbox.workPackage(1))?.comments).toEqual([text])
      expect((yield* sandbox.notifications).map((n) => [n.kind, n.notify])).toEqual([["comment", false]])
    })
  )

  it.scoped("lists the statuses the workflow allows, and who the token belongs to", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages: seed(2),
        forbiddenTransitions: [{ from: "New", to: "Closed" }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY)
      const allowed = yield* op.allowedStatuses(2)
      const titles = allowed.map((s) => s.title)
      expect(titles).toContain("In progress")
      expect(titles).not.toContain("Closed")
      for (const s of allowed) expect(s.href).toBe(`/api/v3/statuses/${s.id}`)
      const me = yield* op.me()
      expect(me.id).toBeGreaterThan(0)
      expect(me.name).not.toBe("")
    })
  )
})
