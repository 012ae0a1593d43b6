import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { editAs } from "./support/editAs.js"
import { planDocument } from "./support/planDocument.js"
import { PLAN_FILE_NAME, scenario, workPackages } from "./support/scenario.js"

/**
 * The config's `selfHeal:` end to end: `selfHeal: false` in op-reconcile.yml leaves an edit made in
 * OpenProject as drift, as `--no-self-heal` does, and `--self-heal` on the command line overrides it. A plan
 * saved from the config can only be applied by a run of that config.
 */

const PAT_KEY = "pat-operator-e2e-key"
const SEVERAL_RUNS = 120_000
const IN_TESTING = 5 // the sandbox's default statuses: 1 Backlog, 2 New, 3 Specified, 4 In progress, 5 In testing …

const PlanJson = Schema.parseJson(
  Schema.Struct({
    changes: Schema.Array(Schema.Struct({ workPackageId: Schema.Number, cause: Schema.String })),
    drift: Schema.Array(
      Schema.Struct({ workPackageId: Schema.Number, cause: Schema.String, changedBy: Schema.String })
    ),
    config: Schema.Struct({ path: Schema.String, sha256: Schema.String })
  })
)
const ApplyJson = Schema.parseJson(
  Schema.Struct({ results: Schema.Array(Schema.Struct({ workPackageId: Schema.Number, outcome: Schema.String })) })
)

const write = (path: string, text: string) =>
  Effect.flatMap(FileSystem.FileSystem, (fs) => fs.writeFileString(path, text)).pipe(
    Effect.provide(NodeFileSystem.layer)
  )

const configText = (selfHeal: boolean) =>
  ["version: 1", `selfHeal: ${selfHeal}`, "plans:", `  - source: ${PLAN_FILE_NAME}`, ""].join("\n")

/** Applied once; then Pat moves wp#1 in OpenProject and the plan asks something new of wp#2. */
const afterAnEditAndAPlanChange = Effect.gen(function* () {
  const s = yield* scenario({
    rows: [
      { workPackageId: 1, state: "In progress" },
      { workPackageId: 2, state: "In progress" }
    ],
    sandbox: { workPackages: workPackages(["New", "New"]), users: [{ apiKey: PAT_KEY, name: "Pat Operator" }] }
  })
  expect((yield* s.reconcile("--apply")).code).toBe(0)
  yield* editAs(s.sandbox, PAT_KEY, 1, IN_TESTING)
  yield* write(
    s.source,
    planDocument([
      { workPackageId: 1, state: "In progress" },
      { workPackageId: 2, state: "Closed" }
    ])
  )
  const config = `${s.dir}/op-reconcile.yml`
  yield* write(config, configText(false))
  const run = (...args: ReadonlyArray<string>) =>
    runCli(["reconcile", "--config", config, ...args], sandboxEnv(s.sandbox))
  return { s, config, run }
})

describe("the config's selfHeal: (built CLI against the sandbox)", () => {
  it.scopedLive(
    "selfHeal: false reports the OpenProject edit as drift and does not write it; the plan change is applied",
    () =>
      Effect.gen(function* () {
        const { s, run } = yield* afterAnEditAndAPlanChange
        const dry = yield* run("--format", "json")
        expect(dry.code).toBe(0)
        const plan = yield* Schema.decode(PlanJson)(dry.stdout)
        expect(plan.drift.map((d) => [d.workPackageId, d.cause, d.changedBy])).toEqual([
          [1, "edited-in-openproject", "Pat Operator"]
        ])
        expect(plan.changes.map((c) => [c.workPackageId, c.cause])).toEqual([[2, "plan-changed"]])

        yield* s.sandbox.clearRequestLog
        const apply = yield* run("--apply", "--format", "json")
        expect(apply.code).toBe(0)
        const report = yield* Schema.decode(ApplyJson)(apply.stdout)
        expect(report.results.map((r) => [r.workPackageId, r.outcome])).toEqual([[2, "applied"]])
        expect((yield* s.writes).filter((w) => w.path.includes("/work_packages/1"))).toEqual([])
        expect((yield* s.sandbox.workPackage(1))?.status).toBe("In testing")
        expect((yield* s.sandbox.workPackage(2))?.status).toBe("Closed")
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "--self-heal overrides selfHeal: false and reverts the edit; --self-heal with --no-self-heal is a usage error",
    () =>
      Effect.gen(function* () {
        const { s, run } = yield* afterAnEditAndAPlanChange
        const dry = yield* run("--self-heal", "--format", "json")
        const plan = yield* Schema.decode(PlanJson)(dry.stdout)
        expect(plan.drift).toEqual([])
        expect(plan.changes.map((c) => [c.workPackageId, c.cause])).toEqual([
          [1, "edited-in-openproject"],
          [2, "plan-changed"]
        ])
        const both = yield* run("--self-heal", "--no-self-heal")
        expect(both.code).toBe(1)
        expect(both.stderr).toContain("--self-heal and --no-self-heal exclude each other")
        expect(both.stderr).not.toMatch(STACK_TRACE)
        expect((yield* s.sandbox.workPackage(1))?.status).toBe("In testing")
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "a plan saved from a config records it, is applied by that config, and is refused by a --source run",
    () =>
      Effect.gen(function* () {
        const { s, config, run } = yield* afterAnEditAndAPlanChange
        const saved = `${s.dir}/plan.json`
        expect((yield* run("--out", saved)).code).toBe(0)
        const fs = yield* Effect.provide(FileSystem.FileSystem, NodeFileSystem.layer)
        const plan = yield* Schema.decode(PlanJson)(yield* fs.readFileString(saved))
        expect(plan.config.path).toBe(config)
        expect(plan.config.sha256).toMatch(/^[0-9a-f]{64}$/)

        yield* s.sandbox.clearRequestLog
        const bySource = yield* s.reconcile("--apply", "--plan", saved)
        expect(bySource.code).toBe(1)
        expect(bySource.stderr).toContain(
          `it was made with the config ${config}, but this run was given --source ${s.source}. A saved plan is ` +
            "applied with the plans it records: drop the flag (--apply --plan needs no --source or --config): " +
            `op-reconcile reconcile --apply --plan ${saved}. Nothing was read from OpenProject or written.`
        )
        expect(yield* s.writes).toEqual([])

        // The config edited since (a comment): noticed, and the saved changes, which still follow, are applied.
        yield* write(config, `# edited\n${configText(false)}`)
        const byConfig = yield* run("--apply", "--plan", saved, "--format", "json")
        expect(byConfig.code).toBe(0)
        expect(byConfig.stderr).toContain("has changed since the plan in")
        const report = yield* Schema.decode(ApplyJson)(byConfig.stdout)
        expect(report.results.map((r) => [r.workPackageId, r.outcome])).toEqual([[2, "applied"]])
      }),
    SEVERAL_RUNS
  )
})
