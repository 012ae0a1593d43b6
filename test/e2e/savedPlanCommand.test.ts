import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { scenario, workPackages } from "./support/scenario.js"

/**
 * The dry-run's "Apply it with: …" line is the command to run, verbatim: the saved plan records its source
 * or config (and the table options), so `--apply --plan FILE` needs nothing else, and refuses another one.
 */

const drifted = {
  rows: [
    { workPackageId: 1, state: "In progress" },
    { workPackageId: 2, state: "Closed" }
  ],
  sandbox: { workPackages: workPackages(["New", "New"]) }
}

const APPLY_IT = /^Saved the plan to plan\.json\. Apply it with: op-reconcile (.+)$/m

/** The command the dry-run printed, as arguments (the paths in these tests have no spaces or quotes). */
const printedCommand = (stderr: string): ReadonlyArray<string> => {
  const m = APPLY_IT.exec(stderr)
  if (m === null) throw new Error(`no "Apply it with" line in:\n${stderr}`)
  return (m[1] ?? "").split(" ")
}

const SEVERAL_RUNS = 120_000

describe("a saved plan is applied with the command the dry-run printed (built CLI against the sandbox)", () => {
  it.scopedLive(
    "--source, in the plan's directory: the printed command is --apply --plan plan.json and applies it",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(drifted)
        const env = sandboxEnv(s.sandbox)
        const dry = yield* runCli(["reconcile", "--source", "E2E_PLAN.md", "--out", "plan.json"], env, s.dir)
        expect(dry.code).toBe(0)
        const command = printedCommand(dry.stderr)
        expect(command).toEqual(["reconcile", "--apply", "--plan", "plan.json"])

        const other = yield* runCli([...command, "--source", "OTHER.md"], env, s.dir)
        expect(other.code).toBe(1)
        expect(other.stderr).toContain(
          "op-reconcile: error: plan.json: it was made with --source E2E_PLAN.md, but this run was given --source " +
            "OTHER.md. A saved plan is applied with the plans it records: drop the flag (--apply --plan needs no " +
            "--source or --config): op-reconcile reconcile --apply --plan plan.json. Nothing was read from OpenProject or written."
        )
        expect(other.stderr).not.toMatch(STACK_TRACE)
        expect(yield* s.writes).toEqual([])

        const apply = yield* runCli(command, env, s.dir)
        expect(apply.code).toBe(0)
        expect((yield* s.writes).filter((w) => w.method === "PATCH")).toHaveLength(2)
        expect((yield* s.sandbox.workPackage(2))?.status).toBe("Closed")
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "--source with other table options: the plan records them, and the printed command needs none",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(drifted)
        const fs = yield* FileSystem.FileSystem
        yield* fs.writeFileString(
          `${s.dir}/ITEMS.md`,
          "# Items\n\n| Item | Ticket | State |\n| - | - | - |\n| one | wp#1 | **In progress** |\n"
        )
        const env = sandboxEnv(s.sandbox)
        const table = ["--header", "Item,Ticket,State", "--id-column", "Ticket", "--status-column", "State"]
        const dry = yield* runCli(["reconcile", "--source", "ITEMS.md", ...table, "--out", "plan.json"], env, s.dir)
        expect(dry.code).toBe(0)
        const saved = JSON.parse(yield* fs.readFileString(`${s.dir}/plan.json`))
        expect(saved.table).toEqual({ columns: ["Item", "Ticket", "State"], idColumn: "Ticket", statusColumn: "State" })

        const apply = yield* runCli(printedCommand(dry.stderr), env, s.dir)
        expect(apply.code).toBe(0)
        expect((yield* s.sandbox.workPackage(1))?.status).toBe("In progress")
      }).pipe(Effect.provide(NodeFileSystem.layer)),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "--config: the printed command is --apply --plan plan.json, it reads the recorded config, and refuses another",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(drifted)
        const fs = yield* FileSystem.FileSystem
        yield* fs.makeDirectory(`${s.dir}/ops`)
        yield* fs.writeFileString(`${s.dir}/ops/team.yml`, "version: 1\nplans:\n  - source: ../E2E_PLAN.md\n")
        yield* fs.writeFileString(`${s.dir}/ops/other.yml`, "version: 1\nplans:\n  - source: ../E2E_PLAN.md\n")
        const env = sandboxEnv(s.sandbox)
        const dry = yield* runCli(["reconcile", "--config", "ops/team.yml", "--out", "plan.json"], env, s.dir)
        expect(dry.code).toBe(0)
        const command = printedCommand(dry.stderr)
        expect(command).toEqual(["reconcile", "--apply", "--plan", "plan.json"])

        const other = yield* runCli([...command, "--config", "ops/other.yml"], env, s.dir)
        expect(other.code).toBe(1)
        expect(other.stderr).toContain(
          "plan.json: it was made with the config ops/team.yml, but this run was given --config ops/other.yml."
        )
        const same = yield* runCli([...command, "--config", "./ops/team.yml", "--format", "json"], env, s.dir)
        expect(same.code).toBe(0)
        expect(JSON.parse(same.stdout).config.path).toBe("ops/team.yml")
        expect((yield* s.writes).filter((w) => w.method === "PATCH")).toHaveLength(2)
      }).pipe(Effect.provide(NodeFileSystem.layer)),
    SEVERAL_RUNS
  )
})
