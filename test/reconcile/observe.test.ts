import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { CANONICAL_STATES } from "../../src/domain/states.js"
import { OpenProject } from "../../src/openproject/OpenProject.js"
import { observe } from "../../src/reconcile/observe.js"
import { desiredFrom, planWith, seeds, setUp, trackingTable } from "./executorFixtures.js"

const stateOf = (i: number) => CANONICAL_STATES[i % CANONICAL_STATES.length] ?? "New"

describe("observe, over sockets against the sandbox", () => {
  it.scoped("1,000 rows cost the status list and one collection query per id chunk: 3 requests, all reads", () =>
    Effect.gen(function* () {
      const rows = Array.from({ length: 1000 }, (_, i) => [i + 1, stateOf(i)] as const)
      const { sandbox, op } = yield* setUp({ workPackages: seeds(rows) })
      const desired = yield* desiredFrom(trackingTable(rows))
      const observed = yield* observe(desired).pipe(Effect.provideService(OpenProject, op))
      expect(observed.workPackages.size).toBe(1000)
      expect(observed.statuses.map((s) => s.name)).toEqual([...CANONICAL_STATES])
      // closed work packages are observed too (the id filter, not the default "open" filter)
      expect(observed.workPackages.get(6)?.statusName).toBe("Closed")
      const log = yield* sandbox.requestLog
      expect(log.length).toBeLessThanOrEqual(3)
      expect(log.every((e) => e.method === "GET" && e.status === 200)).toBe(true)

      yield* sandbox.clearRequestLog
      const planned = yield* planWith(op, desired, sandbox.url)
      expect(planned.summary).toMatchObject({ changes: 0, inSync: 1000, blocked: 0 })
    })
  )

  it.scoped("a work package named twice is asked for once; one that does not exist is blocked in the plan", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ workPackages: seeds([[1, "New"]]) })
      const desired = yield* desiredFrom(
        trackingTable([
          [1, "Specified"],
          [1, "Specified"],
          [77, "New"]
        ])
      )
      const planned = yield* planWith(op, desired, sandbox.url)
      expect(planned.changes.map((c) => c.workPackageId)).toEqual([1])
      expect(planned.blocked.map((b) => [b.workPackageId, b.reason])).toEqual([[77, "WorkPackageNotFound"]])
      expect(yield* sandbox.countRequests()).toBe(2)
      const [collection] = (yield* sandbox.requestLog).filter((e) => e.path === "/api/v3/work_packages")
      const filters = new URLSearchParams(collection?.query ?? "").get("filters") ?? ""
      expect(JSON.parse(filters)).toEqual([{ id: { operator: "=", values: ["1", "77"] } }])
    })
  )
})
