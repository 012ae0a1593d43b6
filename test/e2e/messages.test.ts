import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { patchStatus } from "../support/sandbox.js"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { lineOfRow, type PlanRow } from "./support/planDocument.js"
import { API_KEY, scenario, workPackages } from "./support/scenario.js"

/**
 * Messages that fit the case, each tried as a user meets it: the built CLI against the sandbox.
 */

const ON_HOLD = 7
const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff]/

const twoChanges: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "Closed" }
]
const seeded = (rows: ReadonlyArray<PlanRow> = twoChanges) =>
  scenario({ rows, sandbox: { workPackages: workPackages(rows.map(() => "New")) } })

describe("messages that fit the case (built CLI against the sandbox)", () => {
  it.scopedLive(
    "a 404 on /statuses says the URL is wrong, not that a work package id is",
    () =>
      Effect.gen(function* () {
        const s = yield* seeded()
        const run = yield* runCli(["reconcile", "--source", s.source], {
          OPENPROJECT_URL: `${s.sandbox.url}/not-openproject`,
          OPENPROJECT_API_KEY: API_KEY
        })
        expect(run.code).toBe(1)
        expect(run.stderr).toContain("GET /not-openproject/api/v3/statuses: not found (404)")
        expect(run.stderr).toContain("this is not the root of an OpenProject instance")
        expect(run.stderr).toContain("Set OPENPROJECT_URL")
        expect(run.stderr).not.toContain("work package id")
        expect(run.stderr).not.toMatch(STACK_TRACE)
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )

  it.scopedLive(
    "a failed request names its method and path, not the URL-encoded query",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario({
          rows: twoChanges,
          sandbox: {
            workPackages: workPackages(["New", "New"]),
            faults: [{ method: "GET", path: "^/api/v3/work_packages$", fault: { kind: "status", status: 400 } }]
          }
        })
        const run = yield* s.reconcile("--dry-run")
        expect(run.code).toBe(1)
        expect(run.stderr).toContain("GET /api/v3/work_packages: OpenProject rejected the request")
        expect(run.stderr).not.toContain("filters")
        expect(run.stderr).not.toContain("%5B")
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )

  it.scopedLive(
    "a refused transition names the workflow admin, never the status names or the runbook",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario({
          rows: [{ workPackageId: 1, state: "Closed" }],
          sandbox: { workPackages: workPackages(["New"]), forbiddenTransitions: [{ from: "New", to: "Closed" }] }
        })
        const run = yield* s.reconcile("--apply", "--no-workflow-check", "--format", "json")
        expect(run.code).toBe(1)
        const [result] = JSON.parse(run.stdout).results
        const said = `${result.error.message} ${result.error.hint ?? ""}`
        expect(result.outcome).toBe("failed")
        expect(said).toContain("Administration → Work packages → Workflow")
        expect(said).not.toContain("Align the status names")
        expect(`${run.stdout}${run.stderr}`).not.toContain("runbook")
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )

  it.scopedLive(
    "a failed --out write says the file could not be written and why, and writes nothing",
    () =>
      Effect.gen(function* () {
        const s = yield* seeded()
        const out = join(s.dir, "no-such-directory", "plan.json")
        const run = yield* s.reconcile("--dry-run", "--out", out)
        expect(run.code).toBe(1)
        expect(run.stderr).toContain(`${out}: cannot write it (`)
        expect(run.stderr).toContain("the file was left as it was")
        expect(run.stderr).not.toContain("not a usable")
        expect(yield* s.writes).toEqual([])
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )

  it.scopedLive(
    "the mass-change guard keeps its two remedies apart, and a dry-run warns before the merge",
    () =>
      Effect.gen(function* () {
        const s = yield* seeded()
        const dry = yield* s.reconcile("--dry-run", "--max-changes", "1", "--format", "json")
        expect(dry.code).toBe(0)
        const warning =
          "an apply of this plan would be refused: the plan would transition 2 work packages, more than --max-changes 1 allows."
        expect(dry.stderr).toContain(`warning: ${warning}`)
        expect(JSON.parse(dry.stdout).warnings.some((w: string) => w.startsWith(warning))).toBe(true)
        const comment = yield* s.reconcile("--dry-run", "--max-changes", "1", "--format", "markdown")
        expect(comment.stdout).toContain(`> **Warning:** ${warning}`)

        const apply = yield* s.reconcile("--apply", "--max-changes", "1")
        expect(apply.code).toBe(1)
        expect(apply.stderr).toContain("more than --max-changes 1 allows; nothing was written.")
        expect(apply.stderr).toContain("rerun with --max-changes 2")
        expect(apply.stderr).not.toContain("runbook")
        expect(yield* s.writes).toEqual([])
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )

  it.scopedLive(
    "an API key pasted with a trailing newline works: the newline is trimmed, not sent",
    () =>
      Effect.gen(function* () {
        const s = yield* seeded()
        const run = yield* runCli(["reconcile", "--source", s.source], {
          ...sandboxEnv(s.sandbox),
          OPENPROJECT_API_KEY: `${API_KEY}\n`
        })
        expect(run.code).toBe(0)
        expect(run.stdout).toContain("Plan: 2 to transition")
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )

  it.scopedLive(
    "a saved plan says how to apply it; a stale item says what moved and what to do",
    () =>
      Effect.gen(function* () {
        const s = yield* seeded()
        const planFile = join(s.dir, "plan.json")
        const dry = yield* s.reconcile("--dry-run", "--out", planFile)
        expect(dry.code).toBe(0)
        expect(dry.stderr).toContain(
          `Saved the plan to ${planFile}. Apply it with: op-reconcile reconcile --apply --plan ${planFile}`
        )
        expect(dry.stdout).not.toContain("Saved the plan")

        const wp1 = yield* s.sandbox.workPackage(1)
        expect((yield* patchStatus(s.sandbox, 1, wp1?.lockVersion, ON_HOLD)).status).toBe(200)
        const run = yield* s.reconcile("--apply", "--plan", planFile, "--format", "json")
        expect(run.code).toBe(1)
        const stale = JSON.parse(run.stdout).results.find((r: { workPackageId: number }) => r.workPackageId === 1)
        expect(stale.outcome).toBe("stale")
        expect(stale.warnings.join(" ")).toContain(
          "wp#1 moved in OpenProject since the plan was made: its status is On hold, not New; its lockVersion is"
        )
        expect(stale.warnings.join(" ")).toContain("Make a new plan")
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )

  it.scopedLive(
    "status lists the skipped rows with their reason, and its JSON has a formatVersion",
    () =>
      Effect.gen(function* () {
        const s = yield* seeded([
          { workPackageId: 1, state: "In progress" },
          { workPackageId: 2, state: "Blocked" }
        ])
        const text = yield* runCli(["status", "--source", s.source], sandboxEnv(s.sandbox))
        expect(text.code).toBe(0)
        expect(text.stdout).toContain("Skipped rows (not synced):")
        expect(text.stdout).toContain(`${s.source}:${lineOfRow(1)}  UnknownState  wp#2: **Blocked** is not a state`)
        const json = yield* runCli(["status", "--source", s.source, "--format", "json"], sandboxEnv(s.sandbox))
        const report = JSON.parse(json.stdout)
        expect(report.formatVersion).toBe(1)
        expect(report.skipped).toEqual([
          expect.objectContaining({ reason: "UnknownState", line: lineOfRow(1), workPackageId: 2 })
        ])
        expect(report.summary.skipped).toBe(1)
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )

  it.scopedLive(
    "the pull-request comment writes wp#NN in code spans, with no invisible character in them",
    () =>
      Effect.gen(function* () {
        const s = yield* seeded([
          { workPackageId: 1, state: "In progress" },
          { workPackageId: 55, state: "Blocked" }
        ])
        const run = yield* s.reconcile("--dry-run", "--format", "markdown")
        expect(run.stdout).toContain("`wp#55`: &#42;&#42;Blocked&#42;&#42; is not a state")
        expect(run.stdout).toMatch(/\[`wp#1`\]\(http:\/\/127\.0\.0\.1:\d+\/work_packages\/1\)/)
        for (const match of run.stdout.matchAll(/wp#.{0,3}/gu)) expect(match[0]).not.toMatch(ZERO_WIDTH)
      }),
    // several CLI runs in real time, on a machine other suites share
    60_000
  )
})
