import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { availableParallelism, tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { plainTable } from "../hostile/corpus.js"
import { runCli, STACK_TRACE } from "./support/cli.js"

const dir = mkdtempSync(join(tmpdir(), "op-reconcile-early-e2e-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, text: string) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** `validate` of a plain table of `rows` rows, with the reader's debug lines that say where the parse ran. */
const validateDebug = (name: string, rows: number) =>
  runCli(["validate", "--source", write(name, plainTable(rows)), "--log-level", "debug"])

const TAKEN = "taking the parse of the plan document started with the process"
const IN_WORKER = "parsing the plan document in a worker thread"

// The reader's debug lines say where the parse ran; src/desired/earlyParse.ts starts it with the process.
describe("the parse started with the process (built CLI)", () => {
  it.live(
    "reads a long --source table in the worker started at start-up, and reads it whole",
    () =>
      Effect.gen(function* () {
        const run = yield* validateDebug("long.md", 1_000)
        expect(run.stderr).not.toMatch(STACK_TRACE)
        expect(run.code).toBe(0)
        expect(run.stdout).toContain("valid: 1000 row(s) to sync")
        expect(run.stderr).toContain(TAKEN)
        expect(run.stderr).not.toContain(IN_WORKER)
      }),
    60_000
  )

  it.live(
    "with a second core, reads a table of a hundred rows in that worker too (one core: in the CLI's thread)",
    () =>
      Effect.gen(function* () {
        const run = yield* validateDebug("hundred.md", 100)
        expect(run.code).toBe(0)
        expect(run.stdout).toContain("valid: 100 row(s) to sync")
        expect(run.stderr.includes(TAKEN)).toBe(availableParallelism() >= 2)
        expect(run.stderr).not.toContain(IN_WORKER)
      }),
    60_000
  )

  it.live(
    "sends a long table's rows ahead while it parses, and the reading is the same: duplicates, unknown states and conflicts at their lines",
    () =>
      Effect.gen(function* () {
        // Rows deep in the table (read in its slices): wp#7 again at line 504, an unknown state at line 704.
        const lines = plainTable(1_000).split("\n")
        const at = (line: number, edit: (row: string) => string) => {
          lines[line - 1] = edit(lines[line - 1] ?? "")
        }
        at(504, (row) => row.replace("[wp#500]", "[wp#7]").replace(/\*\*[^*]+\*\*/, "**Rejected**"))
        at(704, (row) => row.replace(/\*\*[^*]+\*\*/, "**Nope**"))
        const duplicate = write("duplicate.md", lines.join("\n"))
        const run = yield* runCli(["validate", "--source", duplicate])
        expect(run.code).toBe(0)
        expect(run.stdout).toContain(`${duplicate}: valid: 998 row(s) to sync, 2 skipped (tracking table at line 3)`)
        expect(run.stdout).toContain(`${duplicate}:1004  wp#1000  Backlog      note 1000`)
        expect(run.stderr).toContain(`${duplicate}:504: warning: wp#7 is already listed at line 11`)
        expect(run.stderr).toContain(`${duplicate}:704: warning: wp#700: **Nope** is not a state`)
        at(504, (row) => row.replace("**Rejected**", "**New**"))
        const conflict = write("conflict.md", lines.join("\n"))
        const failed = yield* runCli(["validate", "--source", conflict])
        expect(failed.code).toBe(1)
        expect(failed.stderr).toContain(`wp#7: ${conflict}:11 (Rejected) vs ${conflict}:504 (New)`)
      }),
    60_000
  )

  it.live(
    "is not there for a short table (read in the CLI's own thread) nor for a run that stops before reading",
    () =>
      Effect.gen(function* () {
        const short = yield* validateDebug("short.md", 5)
        expect(short.code).toBe(0)
        expect(short.stderr).not.toContain(TAKEN)
        expect(short.stderr).not.toContain(IN_WORKER)
        // A usage error ends the run before the plan is read: the parse started for it does not hold it up.
        const usage = yield* runCli(["validate", "--source", write("unread.md", plainTable(1_000)), "--header", "A,B"])
        expect(usage.code).toBe(1)
        expect(usage.stderr).toContain("Invalid table options")
      }),
    60_000
  )
})
