import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { runCli, sandboxEnv } from "./support/cli.js"
import { editAs } from "./support/editAs.js"
import { type PlanRow, planDocument } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

/**
 * Why each change is needed, end to end: op-reconcile applies a plan, then a person edits a work package in
 * OpenProject (with their own API key, as the UI would), the plan changes another row, and a third both.
 */

const PAT_KEY = "pat-operator-e2e-key"
const PAT = { apiKey: PAT_KEY, name: "Pat Operator" }

const ChangeOutput = Schema.Struct({
  workPackageId: Schema.Number,
  from: Schema.String,
  to: Schema.String,
  cause: Schema.String,
  changedBy: Schema.optional(Schema.String),
  changedAt: Schema.optional(Schema.String)
})
const PlanWithCauses = Schema.parseJson(
  Schema.Struct({
    changes: Schema.Array(ChangeOutput),
    drift: Schema.Array(ChangeOutput),
    summary: Schema.Struct({ changes: Schema.Number, drift: Schema.Number })
  })
)
const ApplyResults = Schema.parseJson(
  Schema.Struct({
    results: Schema.Array(Schema.Struct({ workPackageId: Schema.Number, outcome: Schema.String })),
    drift: Schema.optionalWith(
      Schema.Array(
        Schema.Struct({ workPackageId: Schema.Number, cause: Schema.String, changedBy: Schema.optional(Schema.String) })
      ),
      { default: () => [] }
    ),
    summary: Schema.Struct({ drift: Schema.optional(Schema.Number) })
  })
)

/** Each test runs the CLI three or four times; on a loaded machine that takes longer than one run's 20 s. */
const SEVERAL_RUNS = 90_000

const rewritePlan = (path: string, rows: ReadonlyArray<PlanRow>) =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => fs.writeFileString(path, planDocument(rows))).pipe(
    Effect.provide(NodeFileSystem.layer)
  )

// The sandbox's default statuses by id: 1 Backlog, 2 New, 3 Specified, 4 In progress, 5 In testing, 6 Closed, 7 On hold.
const IN_TESTING = 5
const ON_HOLD = 7
const applied: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "In progress" },
  { workPackageId: 3, state: "In progress" },
  { workPackageId: 4, state: "Closed" }
]
/** After the apply: row 2 asks for something new (plan-changed), row 3 too (and Pat edits it: both-changed). */
const changedPlan: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "Specified" },
  { workPackageId: 3, state: "Closed" },
  { workPackageId: 4, state: "Closed" }
]

const afterApplyAndEdits = Effect.gen(function* () {
  const s = yield* scenario({
    rows: applied,
    sandbox: { workPackages: workPackages(["New", "New", "New", "Closed"]), users: [PAT] }
  })
  const first = yield* s.reconcile("--apply")
  expect(first.code).toBe(0)
  yield* editAs(s.sandbox, PAT_KEY, 1, IN_TESTING)
  yield* editAs(s.sandbox, PAT_KEY, 3, ON_HOLD)
  yield* rewritePlan(s.source, changedPlan)
  yield* s.sandbox.clearRequestLog
  return s
})

const activityReads = (log: ReadonlyArray<{ readonly method: string; readonly path: string }>) =>
  log
    .filter((e) => e.method === "GET" && /^\/api\/v3\/work_packages\/\d+\/activities$/.test(e.path))
    .map((e) => e.path)
    .sort()

describe("the cause of each change (built CLI against the sandbox)", () => {
  it.scopedLive(
    "before any apply every change is first-sync, and only changed work packages' activities are read",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario({
          rows: applied,
          sandbox: { workPackages: workPackages(["New", "New", "In progress", "Closed"]), users: [PAT] }
        })
        const run = yield* s.reconcile("--dry-run", "--format", "json")
        expect(run.code).toBe(0)
        const plan = yield* Schema.decode(PlanWithCauses)(run.stdout)
        expect(plan.changes.map((c) => [c.workPackageId, c.cause])).toEqual([
          [1, "first-sync"],
          [2, "first-sync"]
        ])
        const log = yield* s.sandbox.requestLog
        expect(activityReads(log)).toEqual(["/api/v3/work_packages/1/activities", "/api/v3/work_packages/2/activities"])
        expect(log.filter((e) => e.path === "/api/v3/users/me")).toHaveLength(1)
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "after an apply: an edit in OpenProject, a plan change and both are told apart, naming the person",
    () =>
      Effect.gen(function* () {
        const s = yield* afterApplyAndEdits
        const json = yield* s.reconcile("--dry-run", "--format", "json")
        expect(json.code).toBe(0)
        const plan = yield* Schema.decode(PlanWithCauses)(json.stdout)
        const byId = new Map(plan.changes.map((c) => [c.workPackageId, c]))
        expect(byId.get(1)).toMatchObject({ from: "In testing", to: "In progress", cause: "edited-in-openproject" })
        expect(byId.get(1)?.changedBy).toBe("Pat Operator")
        expect(Number.isNaN(Date.parse(byId.get(1)?.changedAt ?? ""))).toBe(false)
        expect(byId.get(2)).toMatchObject({ from: "In progress", to: "Specified", cause: "plan-changed" })
        expect(byId.get(2)?.changedBy).toBeUndefined()
        expect(byId.get(3)).toMatchObject({
          from: "On hold",
          to: "Closed",
          cause: "both-changed",
          changedBy: "Pat Operator"
        })
        expect(plan.drift).toEqual([])

        // Reads: activities of the three changed work packages only (wp#4 is in sync), users/me once, Pat once.
        const log = yield* s.sandbox.requestLog
        expect(activityReads(log)).toEqual([1, 2, 3].map((id) => `/api/v3/work_packages/${id}/activities`))
        expect(log.filter((e) => e.path === "/api/v3/users/me")).toHaveLength(1)
        expect(log.filter((e) => /^\/api\/v3\/users\/\d+$/.test(e.path)).map((e) => e.path)).toEqual([
          "/api/v3/users/3"
        ])

        const text = yield* s.reconcile("--dry-run")
        expect(text.stdout).toMatch(
          /^~ wp#1\s+In testing → In progress\s+reverts an edit by Pat Operator, just now\s+\(/m
        )
        expect(text.stdout).toMatch(/^~ wp#2\s+In progress → Specified\s+plan changed\s+\(/m)
        expect(text.stdout).toMatch(
          /^~ wp#3\s+On hold → Closed\s+plan changed, and so did OpenProject by Pat Operator, just now: follows the plan/m
        )

        const markdown = yield* s.reconcile("--dry-run", "--format", "markdown")
        expect(markdown.stdout).toContain("| reverts an edit by Pat Operator, just now |")
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "--no-self-heal: the edit in OpenProject is drift and is not written; the plan's changes are applied",
    () =>
      Effect.gen(function* () {
        const s = yield* afterApplyAndEdits
        const dry = yield* s.reconcile("--dry-run", "--no-self-heal", "--format", "json")
        const plan = yield* Schema.decode(PlanWithCauses)(dry.stdout)
        expect(plan.drift.map((d) => [d.workPackageId, d.cause, d.changedBy])).toEqual([
          [1, "edited-in-openproject", "Pat Operator"]
        ])
        expect(plan.changes.map((c) => [c.workPackageId, c.cause])).toEqual([
          [2, "plan-changed"],
          [3, "both-changed"]
        ])
        expect(plan.summary).toMatchObject({ changes: 2, drift: 1 })

        const text = yield* s.reconcile("--dry-run", "--no-self-heal")
        expect(text.stdout).toContain("Drift: edited in OpenProject since op-reconcile set them")
        expect(text.stdout).toMatch(
          /^≠ wp#1\s+In testing \(the plan says In progress\)\s+edited by Pat Operator, just now; left as it is/m
        )

        yield* s.sandbox.clearRequestLog
        const apply = yield* s.reconcile("--apply", "--no-self-heal", "--format", "json")
        expect(apply.code).toBe(0)
        const report = yield* Schema.decode(ApplyResults)(apply.stdout)
        expect(report.results.map((r) => [r.workPackageId, r.outcome])).toEqual([
          [2, "applied"],
          [3, "applied"]
        ])
        // The apply says what it left, as the plan did: the edit, who made it, and that it was not written.
        expect(report.drift.map((d) => [d.workPackageId, d.cause, d.changedBy])).toEqual([
          [1, "edited-in-openproject", "Pat Operator"]
        ])
        expect(report.summary.drift).toBe(1)
        const writes = (yield* s.writes).map((w) => `${w.method} ${w.path}`)
        expect(writes.filter((w) => w.includes("/work_packages/1"))).toEqual([])
        expect((yield* s.sandbox.workPackage(1))?.status).toBe("In testing")
        expect((yield* s.sandbox.workPackage(2))?.status).toBe("Specified")
        expect((yield* s.sandbox.workPackage(3))?.status).toBe("Closed")

        const again = yield* s.reconcile("--apply", "--no-self-heal")
        expect(again.code).toBe(0)
        expect(again.stdout).toMatch(/^≠ wp#1\s+In testing \(the plan says In progress\)\s+edited by Pat Operator/m)
        expect(again.stdout).toContain("Left as drift (self-heal off): 1 edited in OpenProject.")
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "the mass-edit guard names who edited OpenProject and when, before any write",
    () =>
      Effect.gen(function* () {
        const s = yield* afterApplyAndEdits
        yield* rewritePlan(s.source, applied)
        yield* editAs(s.sandbox, PAT_KEY, 2, ON_HOLD)
        yield* s.sandbox.clearRequestLog
        const run = yield* s.reconcile("--apply", "--max-changes", "2")
        expect(run.code).toBe(1)
        expect(run.stderr).toMatch(
          /3 of 3 revert edits by Pat Operator (at|between) \d\d:\d\d( and \d\d:\d\d)? UTC\. If that edit in OpenProject was meant, update the plan to match it first \(then there is nothing to revert\)\. If it was not, rerun with --max-changes 3 to restore the plan\./
        )
        expect(yield* s.writes).toEqual([])
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "status says when op-reconcile last set a row, from which commit, and who edited it since; --history reads every row",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario({
          rows: applied,
          sandbox: { workPackages: workPackages(["New", "New", "New", "Closed"]), users: [PAT] }
        })
        const env = { ...sandboxEnv(s.sandbox), GITHUB_SHA: "0123abcdef4567" }
        expect((yield* runCli(["reconcile", "--source", s.source, "--apply"], env)).code).toBe(0)
        yield* editAs(s.sandbox, PAT_KEY, 1, IN_TESTING)
        yield* s.sandbox.clearRequestLog

        const text = yield* runCli(["status", "--source", s.source], env)
        expect(text.code).toBe(0)
        expect(text.stdout).toMatch(/LAST SET BY OP-RECONCILE\s+EDITED SINCE/)
        expect(text.stdout).toMatch(
          /^wp#1\s+In progress\s+In testing\s+drift\s+\d+\s+In progress on \d{4}-\d\d-\d\d \d\d:\d\d UTC \(0123abc\)\s+yes, by Pat Operator, just now/m
        )
        // Only the row out of sync was read: one activities read, users/me, and Pat's name.
        const reads = activityReads(yield* s.sandbox.requestLog)
        expect(reads).toEqual(["/api/v3/work_packages/1/activities"])

        yield* s.sandbox.clearRequestLog
        const json = yield* runCli(["status", "--source", s.source, "--history", "--format", "json"], env)
        const report = yield* Schema.decode(
          Schema.parseJson(
            Schema.Struct({
              rows: Schema.Array(
                Schema.Struct({
                  workPackageId: Schema.Number,
                  editedSince: Schema.optional(Schema.Boolean),
                  editedBy: Schema.optional(Schema.String),
                  lastApplied: Schema.optional(
                    Schema.Struct({ status: Schema.String, commit: Schema.optional(Schema.String) })
                  )
                })
              )
            })
          )
        )(json.stdout)
        expect(report.rows.map((r) => [r.workPackageId, r.editedSince, r.editedBy, r.lastApplied?.commit])).toEqual([
          [1, true, "Pat Operator", "0123abcdef4567"],
          [2, false, undefined, "0123abcdef4567"],
          [3, false, undefined, "0123abcdef4567"],
          [4, false, undefined, undefined]
        ])
        expect(activityReads(yield* s.sandbox.requestLog)).toHaveLength(4)
      }),
    SEVERAL_RUNS
  )
})
