import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { sandboxEnv, startCli } from "./support/cli.js"
import { scenario, workPackages } from "./support/scenario.js"

/**
 * Stopping a run: SIGINT exits 130 and SIGTERM 143, after the item in flight settled (its write and its
 * audit comment), with one line on stderr that says what was applied; a rerun continues from there.
 */

const SIX = [1, 2, 3, 4, 5, 6]
const sixDrifted = {
  rows: SIX.map((id) => ({ workPackageId: id, state: "Closed" })),
  // Each answer takes a while, so that the signal arrives while the apply still has items to do.
  sandbox: { workPackages: workPackages(SIX.map(() => "New")), latencyMs: 40 }
}

describe("stopping a run with a signal (built CLI against the sandbox)", () => {
  for (const [signal, code] of [
    ["SIGINT", 130],
    ["SIGTERM", 143]
  ] as const) {
    it.scopedLive(
      `${signal} mid-apply: exit ${code}, no half-written item, one line saying what was applied`,
      () =>
        Effect.gen(function* () {
          const s = yield* scenario(sixDrifted)
          const args = ["reconcile", "--source", s.source, "--apply", "--concurrency", "1"]
          const cli = yield* startCli(args, sandboxEnv(s.sandbox))
          yield* cli.stderrShows("[1/6]")
          yield* cli.signal(signal)
          const run = yield* cli.finished

          expect(run.code).toBe(code)
          const stopLines = run.stderr.split("\n").filter((l) => l.includes("op-reconcile: stopped"))
          expect(stopLines).toHaveLength(1)
          expect(stopLines[0]).toMatch(/stopped after \d of 6 changes settled \(\d applied: wp#1/)
          expect(stopLines[0]).toContain("no work package was left half-written")
          expect(stopLines[0]).toContain("Run the same command again to continue")

          // Every work package that was moved has its audit comment: nothing was left between the two writes.
          const moved: Array<number> = []
          for (const id of SIX) {
            const wp = yield* s.sandbox.workPackage(id)
            if (wp?.status === "Closed") {
              moved.push(id)
              expect(wp.comments).toHaveLength(1)
            } else {
              expect(wp?.comments).toHaveLength(0)
            }
          }
          expect(moved.length).toBeGreaterThanOrEqual(1)
          expect(moved.length).toBeLessThan(6)

          // A rerun continues: it applies what is left, and every work package ends at the plan with one comment.
          const rerun = yield* s.reconcile("--apply", "--requests-per-second", "100")
          expect(rerun.code).toBe(0)
          expect(rerun.stdout).toContain(`Apply: ${6 - moved.length} applied`)
          for (const id of SIX) {
            const wp = yield* s.sandbox.workPackage(id)
            expect(wp?.status).toBe("Closed")
            expect(wp?.comments).toHaveLength(1)
          }
        }),
      // Two real applies against a sandbox that answers slowly on purpose.
      60_000
    )
  }

  it.scopedLive("SIGTERM during a dry-run: exit 143 and a line saying that nothing was written", () =>
    Effect.gen(function* () {
      // The work package query is slow to answer; GET /statuses is not.
      const slowQuery = { method: "GET", path: "^/api/v3/work_packages$", fault: { kind: "delay", ms: 5_000 } } as const
      const s = yield* scenario({ ...sixDrifted, sandbox: { ...sixDrifted.sandbox, faults: [slowQuery] } })
      const cli = yield* startCli(["reconcile", "--source", s.source, "--log-level", "debug"], sandboxEnv(s.sandbox))
      // GET /statuses was answered: the run is waiting for the work packages.
      yield* cli.stderrShows("path=/api/v3/statuses")
      yield* cli.signal("SIGTERM")
      const run = yield* cli.finished

      expect(run.code).toBe(143)
      expect(run.stdout).toBe("")
      expect(run.stderr).toContain("op-reconcile: stopped; a dry-run writes nothing to OpenProject.")
      expect(yield* s.writes).toEqual([])
    })
  )
})
