import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { scenario, workPackages } from "./support/scenario.js"

/** An apply says what it does as it goes, and a retry says so while it waits (on stderr, outside a terminal). */

describe("progress and retries on stderr (built CLI against the sandbox)", () => {
  it.scopedLive("an apply prints one line per item as it settles, with done / total, and nothing of it on stdout", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: [1, 2, 3].map((id) => ({ workPackageId: id, state: "Closed" })),
        sandbox: { workPackages: workPackages(["New", "New", "New"]) }
      })
      const run = yield* s.reconcile("--apply", "--format", "json")

      expect(run.code).toBe(0)
      const lines = run.stderr.split("\n").filter((l) => /^op-reconcile: \[\d\/3\]/.test(l))
      expect(lines.map((l) => l.slice(0, "op-reconcile: [1/3]".length))).toEqual([
        "op-reconcile: [1/3]",
        "op-reconcile: [2/3]",
        "op-reconcile: [3/3]"
      ])
      for (const id of [1, 2, 3]) expect(run.stderr).toContain(`wp#${id} New → Closed: applied`)
      expect(JSON.parse(run.stdout)).toMatchObject({ summary: { applied: 3 } })
    })
  )

  it.scopedLive("a retry says what failed, what it retries, how long it waits and which attempt it is", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: [{ workPackageId: 1, state: "New" }],
        sandbox: {
          workPackages: workPackages(["New"]),
          faults: [
            {
              method: "GET",
              path: "^/api/v3/statuses$",
              occurrences: [1],
              fault: { kind: "status", status: 503, retryAfterSeconds: 1 }
            }
          ]
        }
      })
      const run = yield* s.reconcile("--format", "json")

      expect(run.code).toBe(0)
      expect(run.stderr).toContain(
        "op-reconcile: OpenProject answered with a server error (503); retrying GET /api/v3/statuses in 1 s, attempt 2 of 5"
      )
      expect(JSON.parse(run.stdout)).toMatchObject({ summary: { inSync: 1 } })
    })
  )
})
