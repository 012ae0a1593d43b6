import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { scenario, workPackages } from "./support/scenario.js"

/** What a user meets first: what goes to which stream, the log level, usage errors and help. */

const EXAMPLE = "examples/F1_BUY_BOOST_PLAN.md"

// One row to transition, one skipped (a bold word that is not a state).
const withSkippedRow = {
  rows: [
    { workPackageId: 1, state: "Closed" },
    { workPackageId: 2, state: "Blocked" }
  ],
  sandbox: { workPackages: workPackages(["New", "New"]) }
}

const USAGE_SHAPE = /^op-reconcile: error: [^\n]+\nSee 'op-reconcile( [a-z]+)? --help'\.\n$/

describe("stdout carries only what was asked for (built CLI)", () => {
  for (const [where, args, env] of [
    ["after the subcommand", ["--format", "json", "--log-level", "debug"], {}],
    ["before the subcommand", ["--format", "json"], {}],
    ["from OP_RECONCILE_LOG_LEVEL", ["--format", "json"], { OP_RECONCILE_LOG_LEVEL: "debug" }]
  ] as const) {
    it.scopedLive(`--log-level debug ${where}: the JSON on stdout parses, the log is on stderr`, () =>
      Effect.gen(function* () {
        const s = yield* scenario(withSkippedRow)
        const prefix = where === "before the subcommand" ? ["--log-level", "debug"] : []
        const run = yield* runCli([...prefix, "reconcile", "--source", s.source, ...args], {
          ...sandboxEnv(s.sandbox),
          ...env
        })

        expect(run.code).toBe(0)
        const plan: unknown = JSON.parse(run.stdout)
        expect(plan).toMatchObject({ formatVersion: 2, summary: { changes: 1, skipped: 1 } })
        expect(run.stderr).toMatch(/level=DEBUG .*path=\/api\/v3\/statuses/)
        expect(run.stderr).not.toContain("e2e-secret-key")
      })
    )
  }

  it.scopedLive("reconcile and validate print warnings on stderr, in one format, and none on stdout", () =>
    Effect.gen(function* () {
      const s = yield* scenario(withSkippedRow)
      const reconcile = yield* s.reconcile()
      const validate = yield* runCli(["validate", "--source", s.source])

      const expected = `${s.source}:6: warning: wp#2: **Blocked** is not a state`
      for (const run of [reconcile, validate]) {
        expect(run.code).toBe(0)
        expect(run.stderr).toContain(expected)
        expect(run.stdout.toLowerCase()).not.toContain("warning")
      }
      expect(reconcile.stdout).toContain("Plan: 1 to transition, 0 in sync, 1 skipped, 0 blocked.")
    })
  )

  it.live("an unknown OP_RECONCILE_LOG_LEVEL is a usage error that lists the levels", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["validate", "--source", EXAMPLE], { OP_RECONCILE_LOG_LEVEL: "verbose" })
      expect(run.code).toBe(1)
      expect(run.stderr).toContain("OP_RECONCILE_LOG_LEVEL=verbose is not a log level")
      expect(run.stdout).toBe("")
    })
  )
})

describe("usage errors have one shape (built CLI)", () => {
  for (const [typed, args, said] of [
    ["--aply", ["reconcile", "-s", EXAMPLE, "--aply"], "Did you mean '--apply'?"],
    ["--fromat", ["reconcile", "-s", EXAMPLE, "--fromat", "json"], "Did you mean '--format'?"],
    ["--sorce", ["reconcile", "--sorce", EXAMPLE], "Did you mean '--source'?"],
    ["--dryrun", ["reconcile", "-s", EXAMPLE, "--dryrun"], "Did you mean '--dry-run'?"],
    ["reconcil", ["reconcil", "-s", EXAMPLE], "Did you mean 'reconcile'?"],
    ["valdiate", ["valdiate", "-s", EXAMPLE], "Did you mean 'validate'?"],
    [
      "--format jsn",
      ["validate", "-s", EXAMPLE, "--format", "jsn"],
      "must be text or json, not 'jsn'. Did you mean 'json'?"
    ],
    [
      "--max-changes abc",
      ["reconcile", "-s", EXAMPLE, "--max-changes", "abc"],
      "--max-changes takes a whole number, not 'abc'."
    ],
    ["--concurrency 2.5", ["reconcile", "-s", EXAMPLE, "--concurrency", "2.5"], "--concurrency takes a whole number"],
    ["--max-changes -1", ["reconcile", "-s", EXAMPLE, "--max-changes", "-1"], "--max-changes must be 0 or more"],
    ["--out without a value", ["reconcile", "-s", EXAMPLE, "--out"], "--out needs a value (FILE)."],
    [
      "--apply --dry-run",
      ["reconcile", "-s", EXAMPLE, "--apply", "--dry-run"],
      "--apply and --dry-run exclude each other"
    ]
  ] as const) {
    it.live(`${typed}: 'op-reconcile: error: …', where the help is, no stack trace`, () =>
      Effect.gen(function* () {
        const run = yield* runCli(args)
        expect(run.code).toBe(1)
        expect(run.stdout).toBe("")
        expect(run.stderr).toMatch(USAGE_SHAPE)
        expect(run.stderr).toContain(said)
        expect(run.stderr).not.toMatch(STACK_TRACE)
      })
    )
  }

  it.live("neither --source nor --config, and no op-reconcile.yml here: says how to start, no stack trace", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["reconcile"])
      expect(run.code).toBe(1)
      expect(run.stdout).toBe("")
      expect(run.stderr).toContain(
        "op-reconcile: error: op-reconcile.yml: cannot read the config: no such file. Pass --source PLAN.md (one plan) or --config FILE"
      )
      expect(run.stderr).not.toMatch(STACK_TRACE)
    })
  )

  it.live("--api-key on reconcile says that the key comes from OPENPROJECT_API_KEY, and does not echo it", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["reconcile", "-s", EXAMPLE, "--api-key", "s3cret-value"])
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(USAGE_SHAPE)
      expect(run.stderr).toContain("OPENPROJECT_API_KEY")
      expect(run.stderr).not.toContain("s3cret-value")
    })
  )

  it.live("--wizard is refused when stdin is not a terminal, instead of waiting for answers", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["validate", "--wizard"])
      expect(run.code).toBe(1)
      expect(run.stderr).toMatch(USAGE_SHAPE)
      expect(run.stderr).toContain("--wizard asks its questions on a terminal")
    })
  )
})

describe("help reads in 80 columns (built CLI)", () => {
  for (const args of [
    ["--help"],
    ["reconcile", "--help"],
    ["status", "-h"],
    ["validate", "--help"],
    ["help", "sandbox"]
  ]) {
    it.live(`op-reconcile ${args.join(" ")}: no line over 80 columns, every option described`, () =>
      Effect.gen(function* () {
        const run = yield* runCli(args)
        expect(run.code).toBe(0)
        expect(run.stderr).toBe("")
        const long = run.stdout.split("\n").filter((line) => [...line].length > 80)
        expect(long).toEqual([])
        expect(run.stdout).not.toContain("A user-defined piece of text")
        expect(run.stdout).not.toContain("This setting is optional")
        expect(run.stdout).toMatch(/^USAGE: op-reconcile |^op-reconcile \d/m)
      })
    )
  }

  it.live("reconcile --help shows the usage line, what is required and every default", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["reconcile", "--help"])
      expect(run.stdout.split("\n")[0]).toBe("USAGE: op-reconcile reconcile [options]")
      expect(run.stdout).toMatch(/-s, --source FILE +The markdown plan/)
      expect(run.stdout).toMatch(/--config FILE +The config naming the plans/)
      for (const shown of ["or 25)", "(default: 6)", "(default: 10)", "(default: text)"]) {
        expect(run.stdout).toContain(shown)
      }
      // Every flag the command takes is in its help, global ones included.
      for (const flag of [
        "--apply",
        "--out FILE",
        "--plan FILE",
        "--max-changes N",
        "--log-level LEVEL",
        "--completions"
      ]) {
        expect(run.stdout).toContain(flag)
      }
    })
  )
})
