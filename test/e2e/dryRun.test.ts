import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { STACK_TRACE } from "./support/cli.js"
import { decodePlanOutput } from "./support/outputs.js"
import { lineOfRow, type PlanRow } from "./support/planDocument.js"
import { formCallsFor, isFormCall, scenario, workPackages } from "./support/scenario.js"

// wp#1 and wp#3 drifted, wp#2 in sync, wp#4 has no bold state, wp#5 an unknown state.
const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "Closed" },
  { workPackageId: 3, state: "Specified" },
  { workPackageId: 4, state: undefined },
  { workPackageId: 5, state: "Blocked" }
]
const drifted = { rows, sandbox: { workPackages: workPackages(["New", "Closed", "Backlog", "New", "New"]) } }
const inSync = {
  rows: rows.slice(0, 3),
  sandbox: { workPackages: workPackages(["In progress", "Closed", "Specified"]) }
}

describe("reconcile --dry-run (built CLI against the sandbox)", () => {
  it.scopedLive("shows the changes Terraform-style, writes nothing, and exits 2 with --detailed-exitcode", () =>
    Effect.gen(function* () {
      const s = yield* scenario(drifted)
      const run = yield* s.reconcile("--dry-run", "--detailed-exitcode")

      expect(run.code).toBe(2)
      expect(run.stdout).toMatch(
        new RegExp(`^~ wp#1\\s+New → In progress\\s+first sync\\s+\\(E2E_PLAN\\.md:${lineOfRow(0)}\\)`, "m")
      )
      expect(run.stdout).toMatch(
        new RegExp(`^~ wp#3\\s+Backlog → Specified\\s+first sync\\s+\\(E2E_PLAN\\.md:${lineOfRow(2)}\\)`, "m")
      )
      expect(run.stdout).not.toMatch(/^~ wp#2\b/m)
      expect(run.stdout).toContain("Plan: 2 to transition, 1 in sync, 2 skipped, 0 blocked.")
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE)

      const log = yield* s.sandbox.requestLog
      expect(log.length).toBeGreaterThan(0)
      expect(log.filter((e) => e.method === "PATCH")).toEqual([])
      // the only POSTs are the workflow check's form calls, one per change (wp#1, wp#3), none for rows in sync
      expect(log.filter((e) => e.method === "POST" && !isFormCall(e))).toEqual([])
      expect(formCallsFor(log).sort()).toEqual([1, 3])
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
      expect((yield* s.sandbox.workPackage(3))?.status).toBe("Backlog")
    })
  )

  it.scopedLive("exits 0 without --detailed-exitcode even when there are changes", () =>
    Effect.gen(function* () {
      const s = yield* scenario(drifted)
      const run = yield* s.reconcile()

      expect(run.code).toBe(0)
      expect(run.stdout).toContain("Plan: 2 to transition")
      expect(yield* s.writes).toEqual([])
    })
  )

  it.scopedLive("says there is nothing to do and exits 0 with --detailed-exitcode when in sync", () =>
    Effect.gen(function* () {
      const s = yield* scenario(inSync)
      const run = yield* s.reconcile("--dry-run", "--detailed-exitcode")

      expect(run.code).toBe(0)
      expect(run.stdout).toContain("No changes. OpenProject matches the plan")
      expect(run.stdout).not.toMatch(/^~ /m)
      expect(yield* s.writes).toEqual([])
    })
  )

  it.scopedLive(
    "--format json prints the plan: changes with id, from, to and line; summary; skipped with reasons",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(drifted)
        const run = yield* s.reconcile("--dry-run", "--format", "json")

        expect(run.code).toBe(0)
        const plan = yield* decodePlanOutput(run.stdout)
        expect(plan.changes.map(({ workPackageId, from, to, line }) => ({ workPackageId, from, to, line }))).toEqual([
          { workPackageId: 1, from: "New", to: "In progress", line: lineOfRow(0) },
          { workPackageId: 3, from: "Backlog", to: "Specified", line: lineOfRow(2) }
        ])
        expect(plan.summary).toEqual({ changes: 2, inSync: 1, skipped: 2, blocked: 0 })
        expect(plan.skipped.map((item) => item.line)).toEqual([lineOfRow(3), lineOfRow(4)])
        for (const item of plan.skipped) expect(item.reason).not.toBe("")
        expect(yield* s.writes).toEqual([])
      })
  )
})
