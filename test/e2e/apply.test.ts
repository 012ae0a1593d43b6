import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { STACK_TRACE } from "./support/cli.js"
import { decodeApplyOutput } from "./support/outputs.js"
import { lineOfRow, type PlanRow } from "./support/planDocument.js"
import { isFormCall, PLAN_FILE_NAME, scenario, workPackages } from "./support/scenario.js"

// wp#1, wp#3 and wp#4 drifted, wp#2 in sync.
const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "Closed" },
  { workPackageId: 3, state: "Specified" },
  { workPackageId: 4, state: "On hold" }
]
const drifted = { rows, sandbox: { workPackages: workPackages(["New", "Closed", "Backlog", "In testing"]) } }
const transitioned = [1, 3, 4]

const patchesOf = (log: ReadonlyArray<{ readonly method: string; readonly path: string }>, id: number) =>
  log.filter((e) => e.method === "PATCH" && e.path === `/api/v3/work_packages/${id}`)

describe("reconcile --apply (built CLI against the sandbox)", () => {
  it.scopedLive("converges: statuses match, one audit comment per transition, then nothing left to do", () =>
    Effect.gen(function* () {
      const s = yield* scenario(drifted)
      const first = yield* s.reconcile("--apply")

      expect(first.code).toBe(0)
      expect(first.stdout).toMatch(/^✓ wp#1\s+New → In progress\s+applied/m)
      expect(`${first.stdout}${first.stderr}`).not.toMatch(STACK_TRACE)
      for (const [index, id] of rows.map((r, i) => [i, r.workPackageId] as const)) {
        const wp = yield* s.sandbox.workPackage(id)
        expect(wp?.status).toBe(rows[index]?.state)
      }
      for (const id of transitioned) {
        const comments = (yield* s.sandbox.workPackage(id))?.comments ?? []
        expect(comments).toHaveLength(1)
        const index = rows.findIndex((r) => r.workPackageId === id)
        expect(comments[0]).toContain(PLAN_FILE_NAME)
        expect(comments[0]).toContain(`line ${lineOfRow(index)}`)
      }
      expect((yield* s.sandbox.workPackage(2))?.comments).toEqual([])

      yield* s.sandbox.clearRequestLog
      const again = yield* s.reconcile("--dry-run", "--detailed-exitcode")
      expect(again.code).toBe(0)
      expect(again.stdout).toContain("No changes.")

      const secondApply = yield* s.reconcile("--apply")
      expect(secondApply.code).toBe(0)
      expect(yield* s.sandbox.countRequests({ method: "PATCH" })).toBe(0)
      expect(yield* s.sandbox.countRequests({ method: "POST" })).toBe(0)
      for (const id of transitioned) expect((yield* s.sandbox.workPackage(id))?.comments).toHaveLength(1)
    })
  )

  it.scopedLive("--format json prints results with id, from, to and outcome, and a summary", () =>
    Effect.gen(function* () {
      const s = yield* scenario(drifted)
      const run = yield* s.reconcile("--apply", "--format", "json")

      expect(run.code).toBe(0)
      const report = yield* decodeApplyOutput(run.stdout)
      expect(
        report.results.map(({ workPackageId, from, to, outcome }) => ({ workPackageId, from, to, outcome }))
      ).toEqual([
        { workPackageId: 1, from: "New", to: "In progress", outcome: "applied" },
        { workPackageId: 3, from: "Backlog", to: "Specified", outcome: "applied" },
        { workPackageId: 4, from: "In testing", to: "On hold", outcome: "applied" }
      ])
      expect(report.summary).toMatchObject({ applied: 3, unchanged: 0, failed: 0, stale: 0 })
      for (const id of transitioned) expect(patchesOf(yield* s.sandbox.requestLog, id)).toHaveLength(1)
    })
  )

  it.scopedLive("--no-comment transitions without posting any comment", () =>
    Effect.gen(function* () {
      const s = yield* scenario(drifted)
      const run = yield* s.reconcile("--apply", "--no-comment")

      expect(run.code).toBe(0)
      for (const id of transitioned) {
        const wp = yield* s.sandbox.workPackage(id)
        expect(wp?.status).toBe(rows.find((r) => r.workPackageId === id)?.state)
        expect(wp?.comments).toEqual([])
      }
      expect((yield* s.sandbox.requestLog).filter((e) => e.method === "POST" && !isFormCall(e))).toEqual([])
    })
  )

  it.scopedLive("writes with notify=false by default and passes --notify through to every write", () =>
    Effect.gen(function* () {
      const quiet = yield* scenario(drifted)
      expect((yield* quiet.reconcile("--apply")).code).toBe(0)
      const quietWrites = yield* quiet.sandbox.notifications
      expect(quietWrites.length).toBeGreaterThanOrEqual(transitioned.length)
      expect(quietWrites.every((w) => !w.notify)).toBe(true)

      const loud = yield* scenario(drifted)
      expect((yield* loud.reconcile("--apply", "--notify")).code).toBe(0)
      const loudWrites = yield* loud.sandbox.notifications
      expect(
        loudWrites
          .filter((w) => w.kind === "update")
          .map((w) => w.workPackageId)
          .sort()
      ).toEqual(transitioned)
      expect(loudWrites.every((w) => w.notify)).toBe(true)
    })
  )
})
