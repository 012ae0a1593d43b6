import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { scenario, workPackages } from "./support/scenario.js"

/** `--strict` on validate and reconcile: rows that look meant to be synced but are not as written fail the run. */

// Line 5: in sync; 6: a near-miss state; 7: a work package written as a link without wp#; 8: informational;
// 9: a work package this OpenProject does not have (blocked, once OpenProject is read).
const NEAR_MISSES = [
  "# Plan under test",
  "",
  "| Track | Phase | GH issue / OP wp | Status |",
  "| ----- | ----- | ---------------- | ------ |",
  "| a | e2e | OP wp#1 | **New** |",
  "| b | e2e | OP wp#2 | **in-progress** — started |",
  "| c | e2e | OP [#3](https://op.example.com/work_packages/3) | **Closed** |",
  "| d | e2e | weekly sync | Thursdays |",
  "| e | e2e | OP wp#9 | **New** |",
  ""
].join("\n")

const NAMED_ROWS = 3

const withNearMisses = Effect.gen(function* () {
  const s = yield* scenario({ rows: [], sandbox: { workPackages: workPackages(["New", "New", "New"]) } })
  const fs = yield* FileSystem.FileSystem
  yield* fs.writeFileString(s.source, NEAR_MISSES)
  return s
}).pipe(Effect.provide(NodeFileSystem.layer))

const SEVERAL_RUNS = 120_000

describe("--strict (built CLI against the sandbox)", () => {
  it.scopedLive(
    "validate: without --strict the near misses are warnings with a suggestion; with it they fail, each named",
    () =>
      Effect.gen(function* () {
        const s = yield* withNearMisses
        const lenient = yield* runCli(["validate", "--source", s.source])
        expect(lenient.code).toBe(0)
        expect(lenient.stderr).toContain(
          `${s.source}:6: warning: wp#2: **in-progress** is not a state; did you mean **In progress**?`
        )
        expect(lenient.stderr).toContain(
          `${s.source}:7: warning: no wp#NN in the "GH issue / OP wp" column: not synced; did you mean wp#3?`
        )
        expect(lenient.stderr).toContain(`${s.source}:8: warning: no wp#NN`)

        const strict = yield* runCli(["validate", "--source", s.source, "--strict"])
        expect(strict.code).toBe(1)
        expect(strict.stderr).toContain("op-reconcile: error: --strict: 2 row(s) would not be synced as written:")
        expect(strict.stderr).toContain(`\n  ${s.source}:6: wp#2: **in-progress** is not a state`)
        expect(strict.stderr).toContain(`\n  ${s.source}:7: no wp#NN`)
        // Informational rows stay warnings; offline, wp#9 cannot be known to be missing.
        expect(strict.stderr).not.toContain(`\n  ${s.source}:8:`)
        expect(strict.stderr).not.toContain(`\n  ${s.source}:9:`)
        expect(strict.stderr).not.toMatch(STACK_TRACE)
        expect(strict.stdout).toContain("valid: 2 row(s) to sync, 3 skipped")

        const json = yield* runCli(["validate", "--source", s.source, "--strict", "--format", "json"])
        expect(json.code).toBe(1)
        expect(JSON.parse(json.stdout)).toMatchObject({ summary: { rows: 2, skipped: 3 } })
        expect(json.stderr).toContain("--strict: 2 row(s)")
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "reconcile: a dry-run with --strict fails naming the near misses and the blocked row; stdout is still the plan",
    () =>
      Effect.gen(function* () {
        const s = yield* withNearMisses
        const strict = yield* s.reconcile("--strict", "--format", "json")
        expect(strict.code).toBe(1)
        expect(JSON.parse(strict.stdout)).toMatchObject({ summary: { changes: 0, inSync: 1, skipped: 3, blocked: 1 } })
        expect(strict.stderr).toContain(
          `op-reconcile: error: --strict: ${NAMED_ROWS} row(s) would not be synced as written:`
        )
        for (const line of [6, 7, 9]) expect(strict.stderr).toContain(`\n  ${s.source}:${line}: `)
        expect(strict.stderr).toContain(`\n  ${s.source}:9: blocked: wp#9`)
        expect(strict.stderr).not.toMatch(STACK_TRACE)
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "reconcile --apply --strict writes nothing when a row would not be synced as written; without --strict it applies",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario({
          rows: [
            { workPackageId: 1, state: "Closed" },
            { workPackageId: 2, state: "Done" }
          ],
          sandbox: { workPackages: workPackages(["New", "New"]) }
        })
        const strict = yield* s.reconcile("--apply", "--strict")
        expect(strict.code).toBe(1)
        expect(strict.stderr).toContain("--strict: 1 row(s) would not be synced as written:")
        expect(strict.stderr).toContain(`\n  ${s.source}:6: wp#2: **Done** is not a state; did you mean **Closed**?`)
        expect(strict.stderr).toContain("Nothing was written to OpenProject.")
        expect(yield* s.writes).toEqual([])

        const lenient = yield* s.reconcile("--apply")
        expect(lenient.code).toBe(0)
        expect(lenient.stderr).toContain(
          `${s.source}:6: warning: wp#2: **Done** is not a state; did you mean **Closed**?`
        )
        expect((yield* s.writes).filter((w) => w.method === "PATCH")).toHaveLength(1)
      }),
    SEVERAL_RUNS
  )

  it.scopedLive(
    "--strict works with --config: validate and the dry-run name the plan's file and line",
    () =>
      Effect.gen(function* () {
        const s = yield* withNearMisses
        const fs = yield* FileSystem.FileSystem
        const config = `${s.dir}/op-reconcile.yml`
        yield* fs.writeFileString(config, "version: 1\nplans:\n  - source: E2E_PLAN.md\n")
        const validate = yield* runCli(["validate", "--config", config, "--strict"])
        expect(validate.code).toBe(1)
        expect(validate.stderr).toContain("--strict: 2 row(s)")
        expect(validate.stderr).toContain(`:6: wp#2: **in-progress** is not a state`)

        const dryRun = yield* runCli(["reconcile", "--config", config, "--strict"], sandboxEnv(s.sandbox))
        expect(dryRun.code).toBe(1)
        expect(dryRun.stderr).toContain(`--strict: ${NAMED_ROWS} row(s)`)
        expect(dryRun.stderr).toMatch(/\n {2}\S*E2E_PLAN\.md:9: blocked: wp#9/)
        expect(dryRun.stdout).not.toContain("--strict")
      }).pipe(Effect.provide(NodeFileSystem.layer)),
    SEVERAL_RUNS
  )
})
