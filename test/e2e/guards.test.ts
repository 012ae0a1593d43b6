import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { STACK_TRACE } from "./support/cli.js"
import type { PlanRow } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

const fourDrifted: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "Closed" },
  { workPackageId: 2, state: "Closed" },
  { workPackageId: 3, state: "Closed" },
  { workPackageId: 4, state: "Closed" }
]

describe("reconcile --apply guards (built CLI against the sandbox)", () => {
  it.scopedLive("refuses, before any write, a plan with more transitions than --max-changes and names the flag", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: fourDrifted,
        sandbox: { workPackages: workPackages(["New", "New", "New", "New"]) }
      })
      const run = yield* s.reconcile("--apply", "--max-changes", "3")

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("--max-changes")
      expect(run.stderr).toContain("4")
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE)
      expect(yield* s.writes).toEqual([])
      for (const id of [1, 2, 3, 4]) expect((yield* s.sandbox.workPackage(id))?.status).toBe("New")
    })
  )

  it.scopedLive("the default --max-changes (25) refuses a mass revert of 26 work packages", () =>
    Effect.gen(function* () {
      const ids = Array.from({ length: 26 }, (_, i) => i + 1)
      const s = yield* scenario({
        rows: ids.map((id) => ({ workPackageId: id, state: "Closed" })),
        sandbox: { workPackages: workPackages(ids.map(() => "New")) }
      })
      const run = yield* s.reconcile("--apply")

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("--max-changes")
      expect(yield* s.writes).toEqual([])
    })
  )

  it.scopedLive("applies when the plan is within --max-changes", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: fourDrifted,
        sandbox: { workPackages: workPackages(["New", "New", "New", "New"]) }
      })
      const run = yield* s.reconcile("--apply", "--max-changes", "4")

      expect(run.code).toBe(0)
      expect(yield* s.sandbox.countRequests({ method: "PATCH" })).toBe(4)
    })
  )

  it.scopedLive("refuses to apply a tracking table with no usable row", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: [
          { workPackageId: 1, state: undefined },
          { workPackageId: 2, state: "Blocked" }
        ],
        sandbox: { workPackages: workPackages(["New", "New"]) }
      })
      const run = yield* s.reconcile("--apply")

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("refusing to apply")
      expect(run.stderr).toContain("E2E_PLAN.md:3")
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE)
      expect(yield* s.writes).toEqual([])
    })
  )
  it.scopedLive("holds for a saved plan too: --apply --plan over --max-changes writes nothing", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: fourDrifted,
        sandbox: { workPackages: workPackages(["New", "New", "New", "New"]) }
      })
      const planFile = `${s.dir}/plan.json`
      expect((yield* s.reconcile("--dry-run", "--out", planFile)).code).toBe(0)

      const run = yield* s.reconcile("--apply", "--plan", planFile, "--max-changes", "3")

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("--max-changes")
      expect(yield* s.writes).toEqual([])
    })
  )

  it.scopedLive("refuses to apply a tracking table without any row", () =>
    Effect.gen(function* () {
      const s = yield* scenario({ rows: [], sandbox: { workPackages: workPackages(["New"]) } })
      const run = yield* s.reconcile("--apply")

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("refusing to apply")
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE)
      expect(yield* s.writes).toEqual([])
    })
  )
})
