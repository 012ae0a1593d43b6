import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { statusSet } from "../../src/sandbox/statusSets.js"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { planDocument } from "./support/planDocument.js"
import { API_KEY } from "./support/scenario.js"

/** `op-reconcile init` against a German OpenProject, as a new team would start. */

const TEAM_PLAN = [
  "# Team plan",
  "",
  "| Story | Owner | OP | State |",
  "| ----- | ----- | -- | ----- |",
  "| Export | Pat | wp#3 | **erledigt** |",
  "| Import | Sam | wp#4 | **Done** |",
  ""
].join("\n")

describe("op-reconcile init (built CLI against the sandbox)", () => {
  it.scopedLive(
    "writes a config that finds each plan's table and maps the plans' words to the server's statuses",
    () =>
      Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem
        const sandbox = yield* startSandbox({ apiKey: API_KEY, statuses: statusSet("de").statuses, workPackages: [] })
        const dir = yield* fs.makeTempDirectoryScoped({ prefix: "op-reconcile-e2e-init-" })
        yield* fs.makeDirectory(`${dir}/team`)
        yield* fs.writeFileString(
          `${dir}/PLAN.md`,
          planDocument([
            { workPackageId: 1, state: "In progress" },
            { workPackageId: 2, state: "Neu" }
          ])
        )
        yield* fs.writeFileString(`${dir}/team/stories.md`, TEAM_PLAN)
        const out = `${dir}/op-reconcile.yml`
        const init = yield* runCli(
          ["init", "--source", `${dir}/PLAN.md`, "--source", `${dir}/team/stories.md`, "--out", out],
          sandboxEnv(sandbox)
        )
        expect(init.stderr).not.toMatch(STACK_TRACE)
        expect(init.code).toBe(0)
        expect(init.stdout).toContain("2 plan(s), 2 word(s) mapped to OpenProject's statuses, 2 left to map")
        const text = yield* fs.readFileString(out)
        const lines = text.split("\n")
        expect(lines).toContain("states:")
        expect(lines).toContain("  Neu: Neu")
        expect(lines).toContain("  erledigt: Erledigt   # matched without regard to case or spacing")
        expect(lines.find((l) => l.startsWith("#   In progress: ???"))).toContain(
          `no status of this name on ${sandbox.url}; map it to one of: Neu, In Spezifikation`
        )
        expect(lines.some((l) => l.startsWith("#   Done: ???"))).toBe(true)
        expect(text).toContain(
          [
            "plans:",
            "  - source: PLAN.md",
            "  - source: team/stories.md",
            "    table:",
            "      header: [Story, Owner, OP, State]",
            "      workPackageColumn: OP",
            "      statusColumn: State"
          ].join("\n")
        )
        // One request: the statuses.
        expect((yield* sandbox.requestLog).map((e) => `${e.method} ${e.path}`)).toEqual(["GET /api/v3/statuses"])

        // What it wrote is a config op-reconcile reads: every plan, its words now known.
        const valid = yield* runCli(["validate", "--config", out])
        expect(valid.code).toBe(0)
        expect(valid.stdout).toContain(`${out}: valid: 2 plan(s)`)

        // It never replaces a file: a second run is refused and the file is left as it was.
        yield* fs.writeFileString(out, "# mine\n")
        const again = yield* runCli(["init", "--source", `${dir}/PLAN.md`, "--out", out], sandboxEnv(sandbox))
        expect(again.code).toBe(1)
        expect(again.stderr).toContain(`${out} exists already and was left as it is`)
        expect(yield* fs.readFileString(out)).toBe("# mine\n")
        expect((yield* fs.readDirectory(dir)).sort()).toEqual(["PLAN.md", "op-reconcile.yml", "team"])
      }).pipe(Effect.provide(NodeFileSystem.layer)),
    90_000
  )

  it.scopedLive(
    "refuses a plan with two tables of the tracking header, reading nothing from OpenProject, and --under picks one",
    () =>
      Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem
        const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages: [] })
        const dir = yield* fs.makeTempDirectoryScoped({ prefix: "op-reconcile-e2e-init-two-" })
        const table = (id: number, state: string) => [
          "| Track | Phase | GH issue / OP wp | Status |",
          "| --- | --- | --- | --- |",
          `| T | P | wp#${id} | **${state}** |`
        ]
        yield* fs.writeFileString(
          `${dir}/PLAN.md`,
          [
            "# Plan",
            "",
            "## §10 Status",
            "",
            ...table(1, "New"),
            "",
            "## §13 Sibling mission",
            "",
            ...table(2, "Closed"),
            ""
          ].join("\n")
        )
        const out = `${dir}/op-reconcile.yml`
        const refused = yield* runCli(["init", "--source", `${dir}/PLAN.md`, "--out", out], sandboxEnv(sandbox))
        expect(refused.stderr).not.toMatch(STACK_TRACE)
        expect(refused.code).toBe(1)
        expect(refused.stdout).toBe("")
        expect(refused.stderr).toContain(`${dir}/PLAN.md: 2 tables have the tracking header`)
        expect(refused.stderr).toContain("init will not guess which one is the plan")
        expect(refused.stderr).toContain(`${dir}/PLAN.md:5  under "## §10 Status"`)
        expect(refused.stderr).toContain(`${dir}/PLAN.md:11  under "## §13 Sibling mission"`)
        expect(refused.stderr).toContain(`--under "§10 Status"`)
        expect(yield* fs.exists(out)).toBe(false)
        expect(yield* sandbox.requestLog).toEqual([])

        const chosen = yield* runCli(
          ["init", "--source", `${dir}/PLAN.md`, "--under", "§13", "--out", out],
          sandboxEnv(sandbox)
        )
        expect(chosen.stderr).not.toMatch(STACK_TRACE)
        expect(chosen.code).toBe(0)
        expect(yield* fs.readFileString(out)).toContain(
          [
            "plans:",
            "  - source: PLAN.md",
            "    table:",
            "      header: [Track, Phase, GH issue / OP wp, Status]"
          ].join("\n")
        )
        expect(yield* fs.readFileString(out)).toContain("      under: §13\n")
        // The config reads the sibling's table: wp#2 only.
        const valid = yield* runCli(["validate", "--config", out, "--format", "json"])
        expect(valid.code).toBe(0)
        expect(valid.stdout).toContain('"workPackageId": 2')
        expect(valid.stdout).not.toContain('"workPackageId": 1')
      }).pipe(Effect.provide(NodeFileSystem.layer)),
    90_000
  )
})
