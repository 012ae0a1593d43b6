import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli, STACK_TRACE } from "./support/cli.js"
import { outcomesById } from "./support/outputs.js"
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

  it.scopedLive("a transition the workflow refuses fails alone, with OpenProject's message and the runbook hint", () =>
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
      expect(output).toContain("runbook §7")
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
})
