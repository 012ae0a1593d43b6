import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli, STACK_TRACE } from "./support/cli.js"
import { decodeApplyOutput, outcomesById } from "./support/outputs.js"
import type { PlanRow } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "Closed" },
  { workPackageId: 2, state: "In progress" },
  { workPackageId: 3, state: "Specified" }
]
const allNew = workPackages(["New", "New", "New"])

describe("reconcile --apply when OpenProject pushes back (built CLI against the sandbox)", () => {
  it.scopedLive("survives another user's edit between its read and its write, and ends at the target", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        // Right after the plan's read, someone else moves wp#1 on: the planned lockVersion is now stale.
        sandbox: { workPackages: allNew, concurrentEdits: [{ workPackageId: 1, afterReads: 1, status: "On hold" }] }
      })
      const run = yield* s.reconcile("--apply", "--format", "json")

      expect(run.code).toBe(0)
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE)
      const log = yield* s.sandbox.requestLog
      const patches = log.filter((e) => e.method === "PATCH" && e.path === "/api/v3/work_packages/1")
      // The conflict did happen (409), and the write was made again on the fresh lockVersion.
      expect(patches.map((e) => e.status)).toEqual([409, 200])
      const wp = yield* s.sandbox.workPackage(1)
      expect(wp?.status).toBe("Closed")
      expect(wp?.comments).toHaveLength(1)
      expect((yield* outcomesById(run.stdout)).get(1)).toBe("applied")
    })
  )

  it.scopedLive("reports `unchanged` and writes nothing when the other user already made the planned change", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: { workPackages: allNew, concurrentEdits: [{ workPackageId: 1, afterReads: 1, status: "Closed" }] }
      })
      const run = yield* s.reconcile("--apply", "--format", "json")

      expect(run.code).toBe(0)
      expect((yield* outcomesById(run.stdout)).get(1)).toBe("unchanged")
      const log = yield* s.sandbox.requestLog
      const patches = log.filter((e) => e.method === "PATCH" && e.path === "/api/v3/work_packages/1")
      expect(patches.filter((e) => e.status >= 200 && e.status < 300)).toEqual([])
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("Closed")
    })
  )

  it.scopedLive("a transition the workflow refuses fails alone, with OpenProject's message and the way out", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: { workPackages: allNew, forbiddenTransitions: [{ from: "New", to: "Closed" }] }
      })
      const run = yield* s.reconcile("--apply")
      const output = `${run.stdout}${run.stderr}`

      expect(run.code).toBe(1)
      expect(output).toMatch(/^✗ wp#1\s+New → Closed\s+failed/m)
      expect(output).toContain("no valid transition exists")
      expect(output).toContain("Administration → Work packages → Workflow")
      expect(output).not.toMatch(STACK_TRACE)
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
      expect((yield* s.sandbox.workPackage(1))?.comments).toEqual([])
      expect((yield* s.sandbox.workPackage(2))?.status).toBe("In progress")
      expect((yield* s.sandbox.workPackage(3))?.status).toBe("Specified")
      expect((yield* s.sandbox.workPackage(2))?.comments).toHaveLength(1)
      expect((yield* s.sandbox.workPackage(3))?.comments).toHaveLength(1)
    })
  )

  it.scopedLive("a bad key stops everything with the runbook's remedy, no stack trace, and the key never printed", () =>
    Effect.gen(function* () {
      const s = yield* scenario({ rows, sandbox: { workPackages: allNew } })
      const wrongKey = "wrong-key-3c9e51d07a"
      const run = yield* runCli(["reconcile", "--source", s.source, "--apply"], {
        OPENPROJECT_URL: s.sandbox.url,
        OPENPROJECT_API_KEY: wrongKey
      })
      const output = `${run.stdout}${run.stderr}`

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("401")
      expect(run.stderr).toMatch(/token/i)
      expect(run.stderr).toContain("My account")
      expect(output).not.toMatch(STACK_TRACE)
      expect(output).not.toContain(wrongKey)
      expect(output).not.toContain(s.sandbox.apiKey)
      expect(yield* s.sandbox.countRequests({ method: "PATCH" })).toBe(0)
      expect(yield* s.sandbox.countRequests({ method: "POST" })).toBe(0)
      for (const id of [1, 2, 3]) expect((yield* s.sandbox.workPackage(id))?.status).toBe("New")
    })
  )
  it.scopedLive("a key revoked in the middle of an apply stops the remaining writes at once", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: {
          workPackages: allNew,
          faults: [{ method: "PATCH", occurrences: [1], fault: { kind: "status", status: 401 } }]
        }
      })
      // One write at a time, so "at once" means: no write after the first 401.
      const run = yield* s.reconcile("--apply", "--concurrency", "1")

      expect(run.code).toBe(1)
      expect(`${run.stdout}${run.stderr}`).toContain("My account")
      expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE)
      const writes = yield* s.writes
      expect(writes.map((e) => [e.method, e.status])).toEqual([["PATCH", 401]])
    })
  )
  it.scopedLive("a write whose answer was lost is re-read, not repeated: one transition and one comment each", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: {
          workPackages: allNew,
          // The first PATCH and the first comment are made, but their answers never arrive.
          faults: [
            { method: "PATCH", occurrences: [1], fault: { kind: "lostWrite" } },
            { method: "POST", path: "/activities$", occurrences: [1], fault: { kind: "lostWrite" } }
          ]
        }
      })
      const run = yield* s.reconcile("--apply", "--format", "json")

      expect(run.code).toBe(0)
      const outcomes = yield* outcomesById(run.stdout)
      expect([...outcomes.values()]).toEqual(["applied", "applied", "applied"])
      for (const [id, state] of rows.map((r) => [r.workPackageId, r.state] as const)) {
        const wp = yield* s.sandbox.workPackage(id)
        expect(wp?.status).toBe(state)
        expect(wp?.comments).toHaveLength(1)
      }
      // One PATCH per work package: the lost one (status 0) was made, so the re-read found it done.
      const patches = (yield* s.writes).filter((e) => e.method === "PATCH")
      expect(patches.map((e) => e.path).sort()).toEqual(rows.map((r) => `/api/v3/work_packages/${r.workPackageId}`))
      expect(patches.map((e) => e.status).sort()).toEqual([0, 200, 200])
    })
  )

  it.scopedLive("the JSON report of a refused transition carries OpenProject's error for that item only", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: { workPackages: allNew, forbiddenTransitions: [{ from: "New", to: "Closed" }] }
      })
      const run = yield* s.reconcile("--apply", "--format", "json")

      expect(run.code).toBe(1)
      const report = yield* decodeApplyOutput(run.stdout)
      const failed = report.results.filter((r) => r.outcome === "failed")
      expect(failed.map((r) => r.workPackageId)).toEqual([1])
      expect(failed[0]?.error?.message).toContain("no valid transition exists")
      expect(report.results.filter((r) => r.error !== undefined)).toHaveLength(1)
      expect(report.summary).toMatchObject({ applied: 2, failed: 1 })
    })
  )

  it.scopedLive("a row the server cannot carry out is blocked with the reason, and the rest is applied", () =>
    Effect.gen(function* () {
      // This OpenProject has no "On hold" status, and wp#9 does not exist.
      const statuses = ["Backlog", "New", "Specified", "In progress", "In testing", "Closed", "Rejected"].map(
        (name, i) => ({ id: i + 1, name, isClosed: name === "Closed" || name === "Rejected" })
      )
      const s = yield* scenario({
        rows: [
          { workPackageId: 1, state: "On hold" },
          { workPackageId: 2, state: "In progress" },
          { workPackageId: 9, state: "Specified" }
        ],
        sandbox: { statuses, workPackages: workPackages(["New", "New"]) }
      })
      const run = yield* s.reconcile("--apply")

      // Blocked rows are reported, not attempted, and the run fails: OpenProject cannot match the plan.
      expect(run.code).toBe(1)
      expect(run.stdout).toMatch(/^! wp#1\b.*On hold/m)
      expect(run.stdout).toContain('"On hold" is not a status on this OpenProject')
      expect(run.stdout).toContain("or rename the status in OpenProject.")
      expect(run.stdout).not.toContain("runbook")
      expect(run.stdout).toMatch(/^! wp#9\b/m)
      expect(run.stdout).toContain("wp#9 does not exist or is not visible")
      const writes = yield* s.writes
      expect(writes.filter((e) => e.method === "PATCH").map((e) => e.path)).toEqual(["/api/v3/work_packages/2"])
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
      expect((yield* s.sandbox.workPackage(2))?.status).toBe("In progress")
    })
  )
})
