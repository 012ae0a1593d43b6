import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli, sandboxEnv } from "./support/cli.js"
import { lineOfRow, type PlanRow } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

// wp#1 in two rows with the same state: planned once, from the first row; the second is a warning.
const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "Closed" },
  { workPackageId: 1, state: "In progress" }
]
const DUPLICATE_LINE = lineOfRow(2)
const duplicateWarning = (source: string) =>
  `${source}:${DUPLICATE_LINE}: wp#1 is already listed at line ${lineOfRow(0)}; planned once from that row.`

const seeded = () => scenario({ rows, sandbox: { workPackages: workPackages(["New", "New"]) } })

describe("a duplicate row's warning reaches the user in every mode and format (built CLI against the sandbox)", () => {
  it.scopedLive("dry-run text: on stderr, at the line", () =>
    Effect.gen(function* () {
      const s = yield* seeded()
      const run = yield* s.reconcile("--dry-run")
      expect(run.code).toBe(0)
      expect(run.stderr).toContain(`${s.source}:${DUPLICATE_LINE}: warning: wp#1 is already listed at line`)
      expect(run.stdout).not.toContain("already listed")
    })
  )

  it.scopedLive("dry-run JSON and apply JSON: in `warnings` (and in `skipped`), once", () =>
    Effect.gen(function* () {
      const s = yield* seeded()
      const plan = JSON.parse((yield* s.reconcile("--dry-run", "--format", "json")).stdout)
      expect(plan.warnings.filter((w: string) => w.startsWith(duplicateWarning(s.source)))).toHaveLength(1)

      const apply = yield* s.reconcile("--apply", "--format", "json")
      expect(apply.code).toBe(0)
      const report = JSON.parse(apply.stdout)
      expect(report.warnings.filter((w: string) => w.startsWith(duplicateWarning(s.source)))).toHaveLength(1)
      expect(report.skipped).toEqual([
        expect.objectContaining({ reason: "DuplicateRow", line: DUPLICATE_LINE, workPackageId: 1 })
      ])
      expect(apply.stderr).toContain(`${s.source}:${DUPLICATE_LINE}: warning: wp#1 is already listed`)
      // planned once: one transition, one comment
      expect(report.results.map((r: { workPackageId: number }) => r.workPackageId)).toEqual([1, 2])
      expect(yield* s.sandbox.countRequests({ method: "PATCH" })).toBe(2)
    })
  )

  it.scopedLive("apply from a saved plan: the report carries the saved plan's warnings", () =>
    Effect.gen(function* () {
      const s = yield* seeded()
      const planFile = join(s.dir, "plan.json")
      expect((yield* s.reconcile("--dry-run", "--out", planFile)).code).toBe(0)
      const report = JSON.parse((yield* s.reconcile("--apply", "--plan", planFile, "--format", "json")).stdout)
      expect(report.warnings.some((w: string) => w.startsWith(duplicateWarning(s.source)))).toBe(true)
    })
  )

  it.scopedLive("the pull-request comment (markdown) lists it", () =>
    Effect.gen(function* () {
      const s = yield* seeded()
      const run = yield* s.reconcile("--dry-run", "--format", "markdown")
      expect(run.stdout).toContain("1 skipped")
      // (the comment writes `wp#1` as a code span, so that GitHub does not link it and it copies as typed)
      expect(run.stdout).toContain("`E2E_PLAN.md:7` | `wp#1` is already listed at line 5; planned once from that row")
    })
  )

  it.scopedLive("in GitHub Actions: a warning annotation on the duplicate's line, on a dry-run and on an apply", () =>
    Effect.gen(function* () {
      const s = yield* seeded()
      const runner = mkdtempSync(join(tmpdir(), "op-reconcile-runner-"))
      yield* Effect.addFinalizer(() => Effect.sync(() => rmSync(runner, { recursive: true, force: true })))
      const env = {
        ...sandboxEnv(s.sandbox),
        GITHUB_ACTIONS: "true",
        GITHUB_WORKSPACE: dirname(s.source),
        GITHUB_OUTPUT: join(runner, "output"),
        GITHUB_STEP_SUMMARY: join(runner, "summary")
      }
      writeFileSync(env.GITHUB_OUTPUT, "")
      writeFileSync(env.GITHUB_STEP_SUMMARY, "")
      for (const mode of ["--dry-run", "--apply"]) {
        const run = yield* runCli(["reconcile", "--source", s.source, mode], env)
        expect(run.code).toBe(0)
        // workflow commands go to stderr, so that stdout stays the plan or the report
        const annotations = run.stderr.split("\n").filter((line) => line.startsWith("::warning "))
        expect(annotations).toEqual([
          expect.stringMatching(new RegExp(`^::warning file=[^,]+,line=${DUPLICATE_LINE},`))
        ])
        expect(annotations[0]).toContain("wp#1 is already listed at line")
      }
      expect(readFileSync(env.GITHUB_STEP_SUMMARY, "utf8")).toContain("is already listed at line")
    })
  )
})
