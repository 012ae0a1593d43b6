import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { OPENPROJECT_FORM_RATE_LIMIT } from "../../src/sandbox/Sandbox.js"
import { runCli, STACK_TRACE } from "./support/cli.js"
import { lineOfRow, type PlanRow } from "./support/planDocument.js"
import { formCallsFor, scenario, workPackages } from "./support/scenario.js"

/**
 * OpenProject's workflow in the plan (README §13 of the API reference): the dry-run asks the form about each
 * change, shows a refusal with OpenProject's message and the statuses it allows, and routes a refused
 * transition through statuses the team names; the apply walks the route.
 */

const TRANSITION_REFUSED =
  "Status is invalid because no valid transition exists from old to new status for the current user's roles."

// A Task may go New → In progress → Closed, but not New → Closed directly.
const taskWorkflow = {
  name: "Task",
  transitions: {
    New: ["In progress", "On hold", "Rejected"],
    "In progress": ["Closed", "On hold", "New"],
    "On hold": ["In progress"]
  }
}

const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "Closed" },
  { workPackageId: 2, state: "In progress" },
  { workPackageId: 3, state: "New" }
]
const forbidsNewToClosed = {
  rows,
  sandbox: { workPackages: workPackages(["New", "New", "New"]), types: [taskWorkflow] }
}

const Check = Schema.Union(
  Schema.Struct({ result: Schema.Literal("allowed") }),
  Schema.Struct({ result: Schema.Literal("refused"), message: Schema.String, allowed: Schema.Array(Schema.String) }),
  Schema.Struct({ result: Schema.Literal("unchecked"), reason: Schema.String })
)
const PlanWithChecks = Schema.parseJson(
  Schema.Struct({
    formatVersion: Schema.Number,
    changes: Schema.Array(
      Schema.Struct({
        workPackageId: Schema.Number,
        from: Schema.String,
        to: Schema.String,
        check: Check,
        route: Schema.optional(Schema.Array(Schema.String))
      })
    )
  })
)
const ApplyWithRoutes = Schema.parseJson(
  Schema.Struct({
    results: Schema.Array(
      Schema.Struct({
        workPackageId: Schema.Number,
        outcome: Schema.String,
        route: Schema.optional(Schema.Array(Schema.String)),
        error: Schema.optional(Schema.Struct({ message: Schema.String, hint: Schema.optional(Schema.String) }))
      })
    )
  })
)

const ROUTE = "New->Closed=In progress"

const NOT_PERMITTED =
  "this API key's user may not change the work package (403), and OpenProject's form answers only one who may"

describe("the workflow check and routes (built CLI against the sandbox)", () => {
  it.scopedLive(
    "a dry-run shows New → Closed refused with OpenProject's message and the allowed statuses; no write",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(forbidsNewToClosed)
        const json = yield* s.reconcile("--format", "json")
        expect(json.code).toBe(0)
        const plan = yield* Schema.decodeUnknown(PlanWithChecks)(json.stdout)
        expect(plan.formatVersion).toBe(2)
        expect(plan.changes.map((c) => [c.workPackageId, c.check])).toEqual([
          [
            1,
            { result: "refused", message: TRANSITION_REFUSED, allowed: ["New", "In progress", "On hold", "Rejected"] }
          ],
          [2, { result: "allowed" }]
        ])
        // one form call per change, none for wp#3 (in sync); no PATCH, no comment
        expect(formCallsFor(yield* s.sandbox.requestLog).sort()).toEqual([1, 2])
        expect(yield* s.writes).toEqual([])

        const text = yield* s.reconcile()
        expect(text.code).toBe(0)
        expect(text.stdout).toMatch(new RegExp(`^✗ wp#1\\s+New → Closed\\s+.*\\(E2E_PLAN\\.md:${lineOfRow(0)}\\)`, "m"))
        expect(text.stdout).toContain(`will fail if merged as it stands. OpenProject said: "${TRANSITION_REFUSED}"`)
        expect(text.stdout).toContain("From New OpenProject allows: In progress, On hold, Rejected.")
        expect(text.stdout).toContain('--route "New->Closed=In progress"')
        expect(text.stdout).toContain("Administration → Work packages → Workflow")
        expect(text.stdout).toContain("1 change would be refused by OpenProject's workflow")
        expect(text.stdout).toMatch(/^~ wp#2\s+New → In progress/m)
        expect(`${text.stdout}${text.stderr}`).not.toMatch(STACK_TRACE)

        const markdown = yield* s.reconcile("--format", "markdown")
        expect(markdown.stdout).toContain("⛔ **1 change would be refused by OpenProject's workflow")
        expect(markdown.stdout).toContain("⛔ New → Closed")
        expect(yield* s.writes).toEqual([])
      }),
    90_000
  )

  it.scopedLive(
    "--fail-on-refused exits 1 on a refusal; --detailed-exitcode keeps its meaning (2)",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(forbidsNewToClosed)
        expect((yield* s.reconcile("--fail-on-refused")).code).toBe(1)
        expect((yield* s.reconcile("--detailed-exitcode")).code).toBe(2)
        expect((yield* s.reconcile("--fail-on-refused", "--route", ROUTE)).code).toBe(0)
        expect(yield* s.writes).toEqual([])
      }),
    90_000
  )

  it.scopedLive("--no-workflow-check asks no form: every change is unchecked, and says why", () =>
    Effect.gen(function* () {
      const s = yield* scenario(forbidsNewToClosed)
      const run = yield* s.reconcile("--no-workflow-check", "--format", "json")
      expect(run.code).toBe(0)
      const plan = yield* Schema.decodeUnknown(PlanWithChecks)(run.stdout)
      for (const change of plan.changes) {
        expect(change.check).toEqual({
          result: "unchecked",
          reason: "the workflow check was skipped (--no-workflow-check)"
        })
      }
      expect(formCallsFor(yield* s.sandbox.requestLog)).toEqual([])
    })
  )

  it.scopedLive(
    "a read-only key plans, but its form calls get 403: every change unchecked, said once",
    () =>
      Effect.gen(function* () {
        const readOnlyKey = "e2e-read-only-key-91f0"
        const s = yield* scenario({
          ...forbidsNewToClosed,
          sandbox: {
            ...forbidsNewToClosed.sandbox,
            users: [{ name: "Plan Reader", apiKey: readOnlyKey, readOnly: true }]
          }
        })
        const env = { OPENPROJECT_URL: s.sandbox.url, OPENPROJECT_API_KEY: readOnlyKey }
        const json = yield* runCli(["reconcile", "--source", s.source, "--format", "json"], env)
        expect(json.code).toBe(0)
        const plan = yield* Schema.decodeUnknown(PlanWithChecks)(json.stdout)
        expect(plan.changes.map((c) => c.check)).toEqual([
          { result: "unchecked", reason: NOT_PERMITTED },
          { result: "unchecked", reason: NOT_PERMITTED }
        ])
        const text = yield* runCli(["reconcile", "--source", s.source], env)
        expect(text.code).toBe(0)
        // one warning for the key, not one note per change
        expect(text.stderr.split(NOT_PERMITTED)).toHaveLength(2)
        expect(text.stderr).toContain("the workflow was not checked for 2 changes")
        expect(text.stdout).not.toContain("Not checked against OpenProject's workflow")
        // --fail-on-refused cannot fail on what was not checked
        expect((yield* runCli(["reconcile", "--source", s.source, "--fail-on-refused"], env)).code).toBe(0)
        expect((yield* s.writes).filter((w) => w.status >= 200 && w.status < 300)).toEqual([])
      }),
    // three CLI runs in real time, on a machine other suites share
    90_000
  )

  it.scopedLive(
    "with a route, the refused change is planned as its hops, applied in one run with one comment",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(forbidsNewToClosed)
        const dry = yield* s.reconcile("--route", ROUTE, "--format", "json")
        const plan = yield* Schema.decodeUnknown(PlanWithChecks)(dry.stdout)
        expect(plan.changes[0]).toMatchObject({
          workPackageId: 1,
          route: ["In progress", "Closed"],
          check: { result: "allowed" }
        })
        const text = yield* s.reconcile("--route", ROUTE)
        expect(text.stdout).toMatch(/^~ wp#1\s+New → In progress → Closed\s/m)
        expect(text.stdout).toContain("the later steps can only be known by walking the route")
        expect(yield* s.writes).toEqual([])

        yield* s.sandbox.clearRequestLog
        const applied = yield* s.reconcile("--apply", "--route", ROUTE, "--format", "json")
        expect(applied.code).toBe(0)
        const report = yield* Schema.decodeUnknown(ApplyWithRoutes)(applied.stdout)
        expect(report.results.map((r) => [r.workPackageId, r.outcome, r.route])).toEqual([
          [1, "applied", ["In progress", "Closed"]],
          [2, "applied", undefined]
        ])
        const wp1 = yield* s.sandbox.workPackage(1)
        expect(wp1?.status).toBe("Closed")
        expect(wp1?.comments).toHaveLength(1)
        expect(wp1?.comments[0]).toContain("Status changed from **New** to **Closed** through **In progress**")
        expect(wp1?.comments[0]).toContain("route New → In progress → Closed")
        const writes = yield* s.writes
        expect(writes.filter((w) => w.path === "/api/v3/work_packages/1").map((w) => [w.method, w.status])).toEqual([
          ["PATCH", 200],
          ["PATCH", 200]
        ])
        expect(writes.filter((w) => w.path === "/api/v3/work_packages/1/activities")).toHaveLength(1)

        // a second apply finds everything in sync and sends nothing: no write, no form call
        yield* s.sandbox.clearRequestLog
        const again = yield* s.reconcile("--apply", "--route", ROUTE)
        expect(again.code).toBe(0)
        expect(yield* s.writes).toEqual([])
        expect(formCallsFor(yield* s.sandbox.requestLog)).toEqual([])
        expect((yield* s.sandbox.workPackage(1))?.comments).toHaveLength(1)
      }),
    // Three CLI runs: more than one run's 20 s on a loaded machine.
    120_000
  )

  it.scopedLive("a saved plan records the route, and --apply --plan walks it", () =>
    Effect.gen(function* () {
      const s = yield* scenario(forbidsNewToClosed)
      const saved = `${s.dir}/plan.json`
      expect((yield* s.reconcile("--route", ROUTE, "--out", saved)).code).toBe(0)
      const fs = yield* FileSystem.FileSystem
      const onDisk = yield* Schema.decodeUnknown(PlanWithChecks)(yield* fs.readFileString(saved))
      expect(onDisk.changes[0]?.route).toEqual(["In progress", "Closed"])
      const applied = yield* s.reconcile("--apply", "--plan", saved)
      expect(applied.code).toBe(0)
      expect(applied.stdout).toMatch(/^✓ wp#1\s+New → In progress → Closed\s+applied/m)
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("Closed")
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.scopedLive("a refused hop fails the item, says where it now stands and that the next run continues there", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: rows.slice(0, 1),
        sandbox: {
          workPackages: workPackages(["New"]),
          types: [{ name: "Task", transitions: { New: ["In progress"], "In progress": ["On hold"] } }]
        }
      })
      const run = yield* s.reconcile("--apply", "--route", ROUTE, "--format", "json")
      expect(run.code).toBe(1)
      const report = yield* Schema.decodeUnknown(ApplyWithRoutes)(run.stdout)
      const [result] = report.results
      expect(result?.outcome).toBe("failed")
      expect(result?.error?.message).toContain(
        "wp#1 now stands at In progress (1 of 2 steps of the route New → In progress → Closed made)"
      )
      expect(result?.error?.message).toContain("The next run continues from In progress.")
      expect(result?.error?.hint).toContain("From In progress OpenProject allows: On hold.")
      const wp = yield* s.sandbox.workPackage(1)
      expect(wp?.status).toBe("In progress")
      // the status did change, so its history says so, once
      expect(wp?.comments).toHaveLength(1)
    })
  )

  it.scopedLive("a 422 on apply without a route names the allowed statuses and the flag that would route it", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows: rows.slice(0, 1),
        sandbox: { workPackages: workPackages(["New"]), types: [taskWorkflow] }
      })
      const run = yield* s.reconcile("--apply")
      expect(run.code).toBe(1)
      expect(run.stdout).toContain("OpenProject's workflow refused New → Closed (422)")
      expect(run.stdout).toContain("From New OpenProject allows: In progress, On hold, Rejected.")
      expect(run.stdout).toContain('--route "New->Closed=In progress"')
      expect(run.stdout).toContain('routes: { "New -> Closed": [In progress] }')
      expect(run.stdout).toContain("Administration → Work packages → Workflow")
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
    })
  )

  it.scopedLive(
    "a dozen changes against the form's rate limit (429 with RateLimit-Reset, no Retry-After): all checked",
    () =>
      Effect.gen(function* () {
        const twelve = Array.from({ length: 12 }, (_, i) => ({ workPackageId: i + 1, state: "In progress" }))
        const s = yield* scenario({
          rows: [...twelve, { workPackageId: 13, state: "New" }],
          sandbox: {
            workPackages: workPackages([...Array(12).fill("New"), "New"]),
            // OpenProject's rule as an administrator enables it: 6 per 3 s per token
            formRateLimit: OPENPROJECT_FORM_RATE_LIMIT
          }
        })
        const run = yield* s.reconcile("--format", "json")
        expect(run.code).toBe(0)
        const plan = yield* Schema.decodeUnknown(PlanWithChecks)(run.stdout)
        expect(plan.changes).toHaveLength(12)
        for (const change of plan.changes) expect(change.check).toEqual({ result: "allowed" })
        const log = yield* s.sandbox.requestLog
        const form = log.filter((e) => e.method === "POST" && e.path.endsWith("/form"))
        // every change was answered once with 200; throttled calls were waited out and repeated
        expect(form.filter((e) => e.status === 200)).toHaveLength(12)
        expect(form.every((e) => e.status === 200 || e.status === 429)).toBe(true)
        expect(form.filter((e) => e.status === 429).length).toBeGreaterThan(0)
        expect(new Set(formCallsFor(log))).toEqual(new Set(twelve.map((r) => r.workPackageId)))
        expect(yield* s.writes).toEqual([])
      })
  )
})
