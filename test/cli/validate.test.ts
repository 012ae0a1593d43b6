import { Command, ValidationError } from "@effect/cli"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Exit, Option, Schema } from "effect"
import { tableSpecFrom } from "../../src/cli/sourceOptions.js"
import { ValidationReport } from "../../src/cli/validate/runValidate.js"
import { validateCommand } from "../../src/cli/validate.js"
import { DEFAULT_TABLE_SPEC } from "../../src/desired/TableSpec.js"
import { capturingConsole } from "../support/capturingConsole.js"

const EXAMPLE = "examples/F1_BUY_BOOST_PLAN.md"

const cli = Command.run(Command.make("op-reconcile").pipe(Command.withSubcommands([validateCommand])), {
  name: "op-reconcile",
  version: "test"
})

/** Runs `op-reconcile <args>` in process and returns its exit and everything it printed. */
const run = (...args: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const { console, captured } = capturingConsole()
    const exit = yield* cli(["node", "op-reconcile", ...args]).pipe(
      Effect.withConsole(console),
      Effect.provide(NodeContext.layer),
      Effect.exit
    )
    // One entry per line printed (the rows leave in one write).
    const lines = (writes: ReadonlyArray<string>) => writes.flatMap((text) => text.split("\n"))
    return { exit, stdout: lines(captured.stdout), stderr: lines(captured.stderr), writes: captured }
  })

const failureTag = (exit: Exit.Exit<unknown, unknown>): string | undefined =>
  Exit.isFailure(exit) &&
  exit.cause._tag === "Fail" &&
  typeof exit.cause.error === "object" &&
  exit.cause.error !== null
    ? String(Reflect.get(exit.cause.error, "_tag"))
    : undefined

describe("op-reconcile validate", () => {
  it.effect("prints the example's rows with file:line, warns about skipped rows, and succeeds", () =>
    Effect.gen(function* () {
      const { exit, stdout, stderr } = yield* run("validate", "--source", EXAMPLE)
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(stdout).toHaveLength(15)
      expect(stdout[0]).toBe(
        `${EXAMPLE}:78  wp#42  Closed [ABANDONED]              gain did not survive walk-forward (see §9)`
      )
      expect(stdout[1]).toBe(
        `${EXAMPLE}:79  wp#43  In progress                     split-PR: features first, then the model wiring`
      )
      expect(stdout[6]).toBe(`${EXAMPLE}:84  wp#48  New`)
      expect(stdout[12]).toBe(
        `${EXAMPLE}:90  wp#54  Closed [LOCKED KEEP_AVAILABLE]  flag f1.boost.legacy kept until Q1`
      )
      expect(stdout[14]).toBe(`${EXAMPLE}: valid: 14 row(s) to sync, 3 skipped (tracking table at line 76)`)
      expect(stderr).toEqual([
        `${EXAMPLE}:91: warning: wp#55: **Blocked** is not a state; did you mean **On hold**? Use one of Backlog, New, Specified, In progress, In testing, Closed, On hold, Rejected (qualifiers ABANDONED, LOCKED, KEEP_AVAILABLE may follow)`,
        `${EXAMPLE}:92: warning: wp#56: the "Status" column does not start with a bold state (e.g. **In progress**): not synced`,
        `${EXAMPLE}:93: warning: no wp#NN in the "GH issue / OP wp" column: informational row, not synced`
      ])
    })
  )

  it.effect("prints the rows in one write, then the warnings in one and the summary in one", () =>
    Effect.gen(function* () {
      const { exit, stdout, writes } = yield* run("validate", "--source", EXAMPLE)
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(writes.stdout).toEqual([stdout.slice(0, 14).join("\n"), stdout[14]])
      expect(writes.stderr).toHaveLength(1)
    })
  )

  it.effect("--format json prints a document that decodes as a ValidationReport", () =>
    Effect.gen(function* () {
      const { exit, writes } = yield* run("validate", "-s", EXAMPLE, "--format", "json")
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(writes.stdout).toHaveLength(1)
      const report = yield* Schema.decode(Schema.parseJson(ValidationReport))(writes.stdout[0] ?? "")
      expect(report.file).toBe(EXAMPLE)
      expect(report.tableLine).toBe(76)
      expect(report.summary).toEqual({ rows: 14, skipped: 3 })
      expect(report.rows[0]).toMatchObject({ workPackageId: 42, state: "Closed", qualifiers: ["ABANDONED"], line: 78 })
      expect(report.skipped.map((s) => [s.reason, s.line])).toEqual([
        ["UnknownState", 91],
        ["NoBoldState", 92],
        ["NoWorkPackageReference", 93]
      ])
    })
  )

  it.effect("fails with TableNotFound, without printing the error itself, when a column was renamed", () =>
    Effect.gen(function* () {
      const { exit, stdout, stderr } = yield* run("validate", "--source", "examples/broken/renamed-column.md")
      expect(failureTag(exit)).toBe("TableNotFound")
      expect(stdout).toEqual([])
      expect(stderr).toEqual([])
    })
  )

  it.effect("reads a renamed table when told its header and id column", () =>
    Effect.gen(function* () {
      const { exit, stdout } = yield* run(
        "validate",
        "--source",
        "examples/broken/renamed-column.md",
        "--header",
        "Track, Phase, OP wp, Status",
        "--id-column",
        "OP wp"
      )
      expect(Exit.isSuccess(exit)).toBe(true)
      expect(stdout).toEqual([
        "examples/broken/renamed-column.md:9   wp#43  In progress",
        "examples/broken/renamed-column.md:10  wp#44  Closed",
        "examples/broken/renamed-column.md: valid: 2 row(s) to sync, 0 skipped (tracking table at line 7)"
      ])
    })
  )

  it.effect("refuses table options whose id column is not in the header, as a usage error", () =>
    Effect.gen(function* () {
      const { exit, stderr } = yield* run("validate", "--source", EXAMPLE, "--header", "Track,OP wp,Status")
      expect(Exit.isFailure(exit)).toBe(true)
      if (Exit.isFailure(exit) && exit.cause._tag === "Fail") {
        expect(ValidationError.isValidationError(exit.cause.error)).toBe(true)
      }
      expect(stderr.join("\n")).toContain('the work package column "GH issue / OP wp" is not in the header')
    })
  )

  it.effect("fails with ConflictingRows for a work package asked for in two states", () =>
    Effect.gen(function* () {
      const { exit } = yield* run("validate", "--source", "examples/broken/conflicting-duplicate.md")
      expect(failureTag(exit)).toBe("ConflictingRows")
    })
  )

  it.effect("fails with TrackingTableAmbiguous for a document with two tracking tables", () =>
    Effect.gen(function* () {
      const { exit, stdout } = yield* run("validate", "--source", "examples/broken/two-tracking-tables.md")
      expect(failureTag(exit)).toBe("TrackingTableAmbiguous")
      expect(stdout).toEqual([])
    })
  )

  it.effect("fails with SourceUnreadable for a missing file, a directory and non-UTF-8 bytes", () =>
    Effect.gen(function* () {
      for (const source of ["examples/missing.md", "examples", "examples/broken/not-utf8.md"]) {
        const { exit, stdout } = yield* run("validate", "--source", source)
        expect(failureTag(exit)).toBe("SourceUnreadable")
        expect(stdout).toEqual([])
      }
    })
  )

  it.effect("without --source or --config reads ./op-reconcile.yml, and says how to start when there is none", () =>
    Effect.gen(function* () {
      const { exit } = yield* run("validate")
      expect(failureTag(exit)).toBe("ConfigUnreadable")
    })
  )
})

describe("tableSpecFrom", () => {
  const none = { header: Option.none(), idColumn: Option.none(), statusColumn: Option.none() }

  it("defaults to the runbook's §10 header", () => {
    expect(tableSpecFrom(none)).toEqual(Either.right(DEFAULT_TABLE_SPEC))
  })

  it("splits --header on commas and trims the names", () => {
    const spec = tableSpecFrom({
      header: Option.some(" Story ,State,  OP "),
      idColumn: Option.some("OP"),
      statusColumn: Option.some("State")
    })
    expect(spec).toEqual(Either.right({ columns: ["Story", "State", "OP"], idColumn: "OP", statusColumn: "State" }))
  })

  it("names the option to fix when a load-bearing column is not in the header", () => {
    const noStatus = tableSpecFrom({ ...none, header: Option.some("Track,GH issue / OP wp,State") })
    expect(Either.getLeft(noStatus)).toEqual(
      Option.some(
        'the status column "Status" is not in the header | Track | GH issue / OP wp | State |: pass --status-column'
      )
    )
    const empty = tableSpecFrom({ ...none, header: Option.some("Track,,GH issue / OP wp,Status") })
    expect(Either.isLeft(empty) && empty.left.includes("empty column name")).toBe(true)
  })
})
