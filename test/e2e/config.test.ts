import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { statusSet } from "../../src/sandbox/statusSets.js"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { lineOfRow, planDocument } from "./support/planDocument.js"
import { API_KEY } from "./support/scenario.js"

/** A temporary directory with these files (path → content); removed with the scope. */
const files = (contents: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped({ prefix: "op-reconcile-e2e-config-" })
    for (const [name, text] of Object.entries(contents)) {
      const path = `${dir}/${name}`
      yield* fs.makeDirectory(path.slice(0, path.lastIndexOf("/")), { recursive: true })
      yield* fs.writeFileString(path, text)
    }
    return dir
  }).pipe(Effect.provide(NodeFileSystem.layer))

/** A second plan with its own header, under the heading it is picked by. */
const teamPlan = (rows: ReadonlyArray<{ readonly id: number; readonly state: string }>) =>
  [
    "# Team plan",
    "",
    "## §13 Stories",
    "",
    "| Story | Owner | OP | State |",
    "| ----- | ----- | -- | ----- |",
    ...rows.map((r) => `| Story ${r.id} | Pat | wp#${r.id} | **${r.state}** |`),
    ""
  ].join("\n")
const TEAM_FIRST_ROW = 7

const twoPlansConfig = [
  "# yaml-language-server: $schema=../op-reconcile.schema.json",
  "version: 1",
  "maxChanges: 10",
  "plans:",
  "  - source: PLAN.md",
  "  - source: team/*.md",
  "    table:",
  "      header: [Story, Owner, OP, State]",
  "      workPackageColumn: OP",
  "      statusColumn: State",
  "    states: { Done: Closed }",
  ""
].join("\n")

const changesOf = (stdout: string) =>
  (JSON.parse(stdout) as { changes: Array<{ workPackageId: number; source: string; line: number }> }).changes.map(
    (c) => [c.workPackageId, c.source, c.line]
  )

/** Most tests chain several CLI runs; on a loaded machine they take longer than one run's 20 s. */
const SEVERAL_RUNS = 120_000

describe("op-reconcile.yml (built CLI against the sandbox)", () => {
  it.scopedLive(
    "plans and applies two plans, one with its own header, in one run with one observation",
    () =>
      Effect.gen(function* () {
        const sandbox = yield* startSandbox({
          apiKey: API_KEY,
          workPackages: [1, 2, 3, 4].map((id) => ({ id, subject: `Work package ${id}`, status: "New" }))
        })
        const dir = yield* files({
          "op-reconcile.yml": twoPlansConfig,
          "PLAN.md": planDocument([
            { workPackageId: 1, state: "In progress" },
            { workPackageId: 2, state: "New" }
          ]),
          "team/stories.md": teamPlan([
            { id: 3, state: "Done" },
            { id: 4, state: "New" },
            { id: 1, state: "In progress" }
          ])
        })
        const config = `${dir}/op-reconcile.yml`
        const dryRun = yield* runCli(["reconcile", "--config", config, "--format", "json"], sandboxEnv(sandbox))
        expect(dryRun.code).toBe(0)
        expect(changesOf(dryRun.stdout)).toEqual([
          [1, "PLAN.md", lineOfRow(0)],
          [3, "team/stories.md", TEAM_FIRST_ROW]
        ])
        const planJson = JSON.parse(dryRun.stdout)
        expect(planJson.config.path).toBe(config)
        expect(planJson.sources.map((s: { path: string }) => s.path)).toEqual(["PLAN.md", "team/stories.md"])
        for (const key of ["changes", "inSync", "skipped", "blocked"]) {
          for (const item of planJson[key]) expect(typeof item.source).toBe("string")
        }
        // wp#1 is asked for twice with the same state: planned once, with a warning.
        expect(planJson.warnings.join("\n")).toContain("wp#1 is already listed at")
        // One observation for the union of both plans: one statuses call and one collection query; then the
        // activities of the two changed work packages only (why each change) and the token's own user.
        const reads = (yield* sandbox.requestLog).filter((e) => e.method === "GET").map((e) => e.path)
        expect(reads.filter((p) => !p.includes("/activities") && !p.startsWith("/api/v3/users"))).toEqual([
          "/api/v3/statuses",
          "/api/v3/work_packages"
        ])
        expect(reads.filter((p) => p.includes("/activities")).sort()).toEqual([
          "/api/v3/work_packages/1/activities",
          "/api/v3/work_packages/3/activities"
        ])

        const text = yield* runCli(["reconcile", "--config", config], sandboxEnv(sandbox))
        expect(text.stdout).toMatch(/^PLAN\.md:\n {2}~ wp#1\s+New → In progress/m)
        expect(text.stdout).toMatch(/^team\/stories\.md:\n {2}~ wp#3\s+New → Closed/m)

        const apply = yield* runCli(
          ["reconcile", "--config", config, "--apply", "--format", "json"],
          sandboxEnv(sandbox)
        )
        expect(apply.code).toBe(0)
        const report = JSON.parse(apply.stdout)
        expect(
          report.results.map((r: { workPackageId: number; source: string; outcome: string }) => [
            r.workPackageId,
            r.source,
            r.outcome
          ])
        ).toEqual([
          [1, "PLAN.md", "applied"],
          [3, "team/stories.md", "applied"]
        ])
        expect((yield* sandbox.workPackage(3))?.status).toBe("Closed")
        const again = yield* runCli(["reconcile", "--config", config, "--format", "json"], sandboxEnv(sandbox))
        expect(changesOf(again.stdout)).toEqual([])
        expect(`${apply.stderr}${again.stderr}`).not.toMatch(STACK_TRACE)
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "refuses one work package asked for differently in two files, naming both, before any request",
    () =>
      Effect.gen(function* () {
        const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages: [{ id: 3, subject: "x", status: "New" }] })
        const dir = yield* files({
          "op-reconcile.yml": twoPlansConfig,
          "PLAN.md": planDocument([{ workPackageId: 3, state: "In progress" }]),
          "team/stories.md": teamPlan([{ id: 3, state: "Done" }])
        })
        const run = yield* runCli(["reconcile", "--config", `${dir}/op-reconcile.yml`, "--apply"], sandboxEnv(sandbox))
        expect(run.code).toBe(1)
        expect(run.stderr).toContain(
          `wp#3: ${dir}/PLAN.md:${lineOfRow(0)} (In progress) vs ${dir}/team/stories.md:${TEAM_FIRST_ROW} (Done = Closed)`
        )
        expect(yield* sandbox.requestLog).toEqual([])
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "reports a typo in a config key at its line and reads nothing from OpenProject",
    () =>
      Effect.gen(function* () {
        const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages: [] })
        const dir = yield* files({
          "op-reconcile.yml": "version: 1\nplan:\n  - source: PLAN.md\n",
          "PLAN.md": planDocument([])
        })
        const run = yield* runCli(["reconcile", "--config", `${dir}/op-reconcile.yml`], sandboxEnv(sandbox))
        expect(run.code).toBe(1)
        expect(run.stderr).toContain(`${dir}/op-reconcile.yml:2:1: unknown key \`plan:\`; did you mean \`plans:\`?`)
        expect(run.stderr).not.toMatch(STACK_TRACE)
        expect(yield* sandbox.requestLog).toEqual([])
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "reconciles a German OpenProject from the runbook's English plan through states:",
    () =>
      Effect.gen(function* () {
        const sandbox = yield* startSandbox({
          apiKey: API_KEY,
          statuses: statusSet("de").statuses,
          workPackages: [
            { id: 1, subject: "a", status: "Neu" },
            { id: 2, subject: "b", status: "In Bearbeitung" },
            { id: 3, subject: "c", status: "Neu" }
          ]
        })
        const dir = yield* files({
          "op-reconcile.yml": [
            "version: 1",
            "states:",
            "  New: Neu",
            "  In progress: In Bearbeitung",
            "  Closed: Erledigt",
            "plans:",
            "  - source: PLAN.md",
            ""
          ].join("\n"),
          "PLAN.md": planDocument([
            { workPackageId: 1, state: "In progress" },
            { workPackageId: 2, state: "Closed" },
            { workPackageId: 3, state: "New" }
          ])
        })
        const config = `${dir}/op-reconcile.yml`
        const apply = yield* runCli(["reconcile", "--config", config, "--apply"], sandboxEnv(sandbox))
        expect(apply.code).toBe(0)
        expect(apply.stdout).toMatch(/wp#1\s+Neu → In Bearbeitung\s+applied/)
        expect(apply.stdout).toMatch(/wp#2\s+In Bearbeitung → Erledigt\s+applied/)
        expect((yield* sandbox.workPackage(2))?.status).toBe("Erledigt")
        const again = yield* runCli(["reconcile", "--config", config], sandboxEnv(sandbox))
        expect(again.stdout).toContain("No changes.")
        // Without states: the same plan is blocked, naming the status and listing the server's.
        const bare = yield* runCli(["reconcile", "--source", `${dir}/PLAN.md`], sandboxEnv(sandbox))
        expect(bare.stdout).toContain(
          '"In progress" is not a status on this OpenProject (its statuses are: Neu, In Spezifikation'
        )
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "statuses lists the server's statuses; validate --config checks every plan offline",
    () =>
      Effect.gen(function* () {
        const sandbox = yield* startSandbox({ apiKey: API_KEY, statuses: statusSet("de").statuses, workPackages: [] })
        const text = yield* runCli(["statuses"], sandboxEnv(sandbox))
        expect(text.code).toBe(0)
        expect(text.stdout).toMatch(/^ 1 {2}Neu\s+yes$/m)
        expect(text.stdout).toMatch(/^12 {2}Erledigt\s+yes$/m)
        const json = JSON.parse((yield* runCli(["statuses", "--format", "json"], sandboxEnv(sandbox))).stdout)
        expect(json.statuses[6]).toEqual({ id: 7, name: "In Bearbeitung", isClosed: false, isDefault: false })
        const dir = yield* files({
          "op-reconcile.yml": twoPlansConfig,
          "PLAN.md": planDocument([{ workPackageId: 1, state: "New" }]),
          "team/stories.md": teamPlan([{ id: 2, state: "Done" }])
        })
        const valid = yield* runCli(["validate", "--config", `${dir}/op-reconcile.yml`])
        expect(valid.code).toBe(0)
        expect(valid.stdout).toContain(`${dir}/op-reconcile.yml: valid: 2 plan(s)`)
      }),
    SEVERAL_RUNS
  )
})
