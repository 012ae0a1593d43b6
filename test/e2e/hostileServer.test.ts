import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { STACK_TRACE } from "./support/cli.js"
import type { PlanRow } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

/** A server that pages forever, answers too much or redirects stops the run at once, and says what it did. */

const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "Closed" },
  { workPackageId: 2, state: "In progress" },
  // no such work package: the client can never have seen every one it asked for
  { workPackageId: 3, state: "New" }
]
const sandboxWorkPackages = workPackages(["New", "New"])

describe("reconcile against a hostile OpenProject (built CLI)", () => {
  it.scopedLive("a collection that always links a next page: one page read, then an error", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: { workPackages: sandboxWorkPackages, faults: [{ fault: { kind: "endlessPages" } }] }
      })
      const run = yield* s.reconcile()
      expect(run.code).toBe(1)
      expect(run.stderr).toContain("OpenProject linked another page after 1 page(s)")
      expect(run.stderr).not.toMatch(STACK_TRACE)
      expect(yield* s.sandbox.countRequests({ pathPrefix: "/api/v3/work_packages" })).toBe(1)
    })
  )

  it.scopedLive("an answer over 64 MB: read up to the cap once, refused, not retried", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: {
          workPackages: sandboxWorkPackages,
          faults: [{ path: "^/api/v3/statuses$", fault: { kind: "hugeBody", bytes: 80 * 1024 * 1024 } }]
        }
      })
      const run = yield* s.reconcile()
      expect(run.code).toBe(1)
      expect(run.stderr).toContain("sent more than 64 MB; op-reconcile stopped reading it and did not ask again")
      expect(yield* s.sandbox.countRequests({ pathPrefix: "/api/v3/statuses" })).toBe(1)
    })
  )

  it.scopedLive("a redirect: not followed, and the error names where it pointed", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: {
          workPackages: sandboxWorkPackages,
          faults: [
            { fault: { kind: "redirect", status: 301, location: "https://openproject.example.com/api/v3/statuses" } }
          ]
        }
      })
      const run = yield* s.reconcile("--apply")
      expect(run.code).toBe(1)
      expect(run.stderr).toContain("redirect (301) to https://openproject.example.com/api/v3/statuses")
      expect(run.stderr).toContain("OPENPROJECT_URL is probably not the instance's address")
      // the first reads (statuses and work packages go out together) got the redirect, and nothing followed
      const log = yield* s.sandbox.requestLog
      expect(log.length).toBeLessThanOrEqual(2)
      expect(log.every((e) => e.status === 301 && e.method === "GET")).toBe(true)
    })
  )
})
