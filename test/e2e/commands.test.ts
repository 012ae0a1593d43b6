import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { lineOfRow, type PlanRow } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "Closed" },
  { workPackageId: 3, state: "On hold" }
]

const StatusJson = Schema.parseJson(
  Schema.Struct({
    rows: Schema.Array(
      Schema.Struct({
        workPackageId: Schema.Number,
        desired: Schema.String,
        current: Schema.String,
        inSync: Schema.Boolean,
        line: Schema.Number
      })
    )
  })
)

const ANSI_ESCAPE = "\u001b["

describe("status, validate, --help and --version (built CLI)", () => {
  it.scopedLive("status prints each work package's desired and current state side by side, and writes nothing", () =>
    Effect.gen(function* () {
      const s = yield* scenario({ rows, sandbox: { workPackages: workPackages(["New", "Closed", "In testing"]) } })
      const run = yield* runCli(["status", "--source", s.source], sandboxEnv(s.sandbox))

      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/^WP\s+DESIRED\s+CURRENT\b/m)
      expect(run.stdout).toMatch(new RegExp(`^wp#1\\s+In progress\\s+New\\s+drift\\s+${lineOfRow(0)}\\b`, "m"))
      expect(run.stdout).toMatch(new RegExp(`^wp#2\\s+Closed\\s+Closed\\s+ok\\s+${lineOfRow(1)}\\b`, "m"))
      expect(run.stdout).toMatch(new RegExp(`^wp#3\\s+On hold\\s+In testing\\s+drift\\s+${lineOfRow(2)}\\b`, "m"))
      expect(yield* s.writes).toEqual([])
    })
  )

  it.scopedLive("status --format json gives the same pairs", () =>
    Effect.gen(function* () {
      const s = yield* scenario({ rows, sandbox: { workPackages: workPackages(["New", "Closed", "In testing"]) } })
      const run = yield* runCli(["status", "--source", s.source, "--format", "json"], sandboxEnv(s.sandbox))

      expect(run.code).toBe(0)
      const status = yield* Schema.decodeUnknown(StatusJson)(run.stdout)
      expect(
        status.rows.map(({ workPackageId, desired, current, inSync }) => [workPackageId, desired, current, inSync])
      ).toEqual([
        [1, "In progress", "New", false],
        [2, "Closed", "Closed", true],
        [3, "On hold", "In testing", false]
      ])
    })
  )

  it.live("validate accepts the example plan offline, with no OPENPROJECT_* variable", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["validate", "--source", "examples/F1_BUY_BOOST_PLAN.md"])

      expect(run.code).toBe(0)
      expect(run.stdout).toMatch(/examples\/F1_BUY_BOOST_PLAN\.md:\d+\s+wp#42\s+Closed/)
      expect(`${run.stdout}${run.stderr}`).toContain("valid")
    })
  )

  it.live("validate on a renamed column names the expected header and the header it found, with its line", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["validate", "--source", "examples/broken/renamed-column.md"])

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("| Track | Phase | GH issue / OP wp | Status |")
      expect(run.stderr).toMatch(/examples\/broken\/renamed-column\.md:\d+\s+\| Track \| Phase \| OP wp \| Status \|/)
      expect(run.stderr).not.toMatch(STACK_TRACE)
    })
  )

  it.live("validate on two tables with the tracking header names both lines and says how to choose", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["validate", "--source", "examples/broken/two-tracking-tables.md"])

      expect(run.code).toBe(1)
      expect(run.stdout).toBe("")
      expect(run.stderr).toContain("2 tables have the tracking header | Track | Phase | GH issue / OP wp | Status |")
      expect(run.stderr).toContain('examples/broken/two-tracking-tables.md:5  under "## F1 mission"')
      expect(run.stderr).toContain("examples/broken/two-tracking-tables.md:11  under")
      expect(run.stderr).toContain("--header")
      expect(run.stderr).not.toMatch(STACK_TRACE)
    })
  )

  it.live("--help and --version work without any environment", () =>
    Effect.gen(function* () {
      const help = yield* runCli(["--help"])
      expect(help.code).toBe(0)
      for (const command of ["reconcile", "status", "validate", "sandbox"]) expect(help.stdout).toContain(command)

      const reconcileHelp = yield* runCli(["reconcile", "--help"])
      expect(reconcileHelp.code).toBe(0)
      for (const flag of ["--source", "--dry-run", "--apply", "--max-changes", "--detailed-exitcode"]) {
        expect(reconcileHelp.stdout).toContain(flag)
      }

      const version = yield* runCli(["--version"])
      expect(version.code).toBe(0)
      expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/)
    })
  )

  // @effect/cli colours its help unconditionally; the CLI strips the codes when piped or under NO_COLOR.
  it.live("--help prints no colour codes when NO_COLOR is set and the output is not a terminal", () =>
    Effect.gen(function* () {
      const help = yield* runCli(["--help"])
      expect(help.code).toBe(0)
      expect(help.stdout).not.toContain(ANSI_ESCAPE)
    })
  )
})
