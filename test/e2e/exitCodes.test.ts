import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { scenario, workPackages } from "./support/scenario.js"

describe("exit codes a script can trust (built CLI against the sandbox)", () => {
  // wp#98 and wp#99 do not exist on the server: both rows are blocked (WorkPackageNotFound).
  const allBlocked = {
    rows: [
      { workPackageId: 98, state: "Closed" },
      { workPackageId: 99, state: "New" }
    ],
    sandbox: { workPackages: workPackages(["New"]) }
  }

  for (const flags of [[], ["--detailed-exitcode"], ["--format", "json", "--detailed-exitcode"]]) {
    it.scopedLive(
      `a plan whose every row is blocked never says it matches, and exits 1 (${flags.join(" ") || "text"})`,
      () =>
        Effect.gen(function* () {
          const s = yield* scenario(allBlocked)
          const run = yield* s.reconcile(...flags)

          expect(run.code).toBe(1)
          expect(run.stdout).not.toContain("matches")
          expect(run.stdout).not.toContain("No changes")
          if (flags.includes("json")) {
            expect(JSON.parse(run.stdout)).toMatchObject({ summary: { changes: 0, inSync: 0, blocked: 2 } })
          } else {
            expect(run.stdout).toContain("Plan: 0 to transition, 0 in sync, 0 skipped, 2 blocked.")
          }
          expect(yield* s.writes).toEqual([])
        })
    )
  }

  it.scopedLive("one blocked row among rows in sync fails the dry-run too, after the plan was printed", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: [
          { workPackageId: 1, state: "New" },
          { workPackageId: 99, state: "Closed" }
        ],
        sandbox: { workPackages: workPackages(["New"]) }
      })
      const run = yield* s.reconcile("--detailed-exitcode")

      expect(run.code).toBe(1)
      expect(run.stdout).toContain("! wp#99")
      expect(run.stdout).toContain("Plan: 0 to transition, 1 in sync, 0 skipped, 1 blocked.")
    })
  )
})
