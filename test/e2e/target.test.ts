import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import type { RequestLogEntry } from "../../src/sandbox/SandboxConfig.js"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { lineOfRow } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

/** `--target wp#NN` (repeatable): plan and apply only those work packages, observing only them. */

// Four rows, every one out of sync.
const fourDrifted = {
  rows: [1, 2, 3, 4].map((workPackageId) => ({ workPackageId, state: "In progress" })),
  sandbox: { workPackages: workPackages(["New", "New", "New", "New"]) }
}

/** Every work package a request names: in its path (`/work_packages/3/…`) or in a collection query's id filter. */
const workPackagesAsked = (log: ReadonlyArray<RequestLogEntry>): ReadonlyArray<number> => {
  const ids = new Set<number>()
  for (const e of log) {
    const inPath = /\/work_packages\/(\d+)/.exec(e.path)
    if (inPath !== null) ids.add(Number(inPath[1]))
    const filters = new URLSearchParams(e.query).get("filters")
    if (e.path === "/api/v3/work_packages" && filters !== null) {
      const parsed: ReadonlyArray<{ readonly id?: { readonly values: ReadonlyArray<string> } }> = JSON.parse(filters)
      for (const f of parsed) for (const v of f.id?.values ?? []) ids.add(Number(v))
    }
  }
  return [...ids].sort((a, b) => a - b)
}

const SEVERAL_RUNS = 120_000

describe("--target (built CLI against the sandbox)", () => {
  it.scopedLive(
    "a dry-run plans only the targets, reads only them from OpenProject, and warns that the rest was not looked at",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(fourDrifted)
        const run = yield* s.reconcile("--target", "wp#2", "--target", "wp#4", "--format", "json")
        expect(run.code).toBe(0)
        const plan = JSON.parse(run.stdout)
        expect(plan.changes.map((c: { workPackageId: number }) => c.workPackageId)).toEqual([2, 4])
        expect(plan.targets).toEqual([2, 4])
        expect(plan.summary).toMatchObject({ changes: 2, inSync: 0 })
        expect(run.stderr).toContain(
          "warning: --target: only wp#2, wp#4 planned; the other 2 row(s) of the plan were not looked at"
        )
        const log = yield* s.sandbox.requestLog
        expect(workPackagesAsked(log)).toEqual([2, 4])
        // One statuses read, one collection page for the two targets, and per change its activities and form.
        expect(log.filter((e) => e.path === "/api/v3/work_packages")).toHaveLength(1)
        expect(log.filter((e) => e.method !== "GET" && !e.path.endsWith("/form"))).toEqual([])
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "an apply writes only the targets; with --config too; a target in no plan is an error naming it, with nothing read",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(fourDrifted)
        const apply = yield* s.reconcile("--apply", "--target", "wp#3")
        expect(apply.code).toBe(0)
        expect(apply.stderr).toContain("--target: only wp#3 planned; the other 3 row(s)")
        expect((yield* s.writes).filter((w) => w.method === "PATCH").map((w) => w.path)).toEqual([
          "/api/v3/work_packages/3"
        ])
        expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
        expect((yield* s.sandbox.workPackage(3))?.status).toBe("In progress")

        const fs = yield* FileSystem.FileSystem
        const config = `${s.dir}/op-reconcile.yml`
        yield* fs.writeFileString(config, "version: 1\nplans:\n  - source: E2E_PLAN.md\n")
        const viaConfig = yield* runCli(
          ["reconcile", "--config", config, "--apply", "--target", "1", "--format", "json"],
          sandboxEnv(s.sandbox)
        )
        expect(viaConfig.code).toBe(0)
        expect(
          JSON.parse(viaConfig.stdout).results.map((r: { workPackageId: number; source: string; line: number }) => [
            r.workPackageId,
            r.source,
            r.line
          ])
        ).toEqual([[1, "E2E_PLAN.md", lineOfRow(0)]])
        expect((yield* s.sandbox.workPackage(2))?.status).toBe("New")

        yield* s.sandbox.clearRequestLog
        const missing = yield* s.reconcile("--target", "wp#99", "--target", "wp#2")
        expect(missing.code).toBe(1)
        expect(missing.stderr).toContain("op-reconcile: error: --target: wp#99 is not a row of")
        expect(missing.stderr).not.toMatch(STACK_TRACE)
        expect(yield* s.sandbox.requestLog).toEqual([])
      }).pipe(Effect.provide(NodeFileSystem.layer)),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "a saved targeted plan records its targets and applies only them; --target with --plan and a bad target are usage errors",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(fourDrifted)
        const out = `${s.dir}/plan.json`
        const dry = yield* s.reconcile("--target", "wp#2", "--out", out)
        expect(dry.code).toBe(0)
        const apply = yield* s.reconcile("--apply", "--plan", out)
        expect(apply.code).toBe(0)
        expect(apply.stderr).toContain("--target: only wp#2 planned")
        expect((yield* s.writes).filter((w) => w.method === "PATCH").map((w) => w.path)).toEqual([
          "/api/v3/work_packages/2"
        ])

        const both = yield* s.reconcile("--apply", "--plan", out, "--target", "wp#3")
        expect(both.code).toBe(1)
        expect(both.stderr).toContain("--plan applies a saved plan exactly as it was made, its targets included")
        const bad = yield* s.reconcile("--target", "#3")
        expect(bad.code).toBe(1)
        expect(bad.stderr).toContain("--target takes a work package as wp#NN (e.g. --target wp#43), not '#3'")
        expect(bad.stderr).toContain("See 'op-reconcile reconcile --help'.")
      }),
    SEVERAL_RUNS
  )
})
