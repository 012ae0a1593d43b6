import { spawn } from "node:child_process"
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { inject } from "vitest"
import { HOSTILE_CORPUS, plainTable } from "../hostile/corpus.js"
import { REPO_ROOT, runCli, STACK_TRACE } from "./support/cli.js"

const dir = mkdtempSync(join(tmpdir(), "op-reconcile-hostile-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const write = (name: string, text: string) => {
  const path = join(dir, `${name}.md`)
  writeFileSync(path, text)
  return path
}

// Each refused document ends within 10 s (the test's timeout; the work is a linear scan, the rest is the
// process starting), with a clean error that names the reader's limit.
describe("hostile markdown (built CLI): read or refused, quickly, with a clean error", () => {
  // The documents the reader reads are read in test/desired/documentShape.test.ts, in process (each is a
  // long parse; one process per document would only add start-up time to the suite).
  for (const doc of HOSTILE_CORPUS.filter((d) => d.outcome !== "read")) {
    it.live(
      `${doc.name}: refused by the ${doc.outcome} limit`,
      () =>
        Effect.gen(function* () {
          const run = yield* runCli(["validate", "--source", write(doc.name, doc.text())])
          expect(run.stderr).not.toMatch(STACK_TRACE)
          expect(run.code).toBe(1)
          expect(run.stdout).toBe("")
          expect(run.stderr).toContain(
            doc.outcome === "binary"
              ? "so it is binary data, not a markdown plan"
              : `not read: the ${doc.outcome} limit of the plan reader`
          )
        }),
      10_000
    )
  }
})

// An honest document, not an attack: the largest table the runbook's teams write is read, however busy the
// machine (the parse's budget is processor time, proportional to the document's size).
describe("a plain 20,000-row table (built CLI)", () => {
  it.live(
    "is read, not refused by a limit",
    () =>
      Effect.gen(function* () {
        const run = yield* runCli(
          ["validate", "--source", write("table-20k", plainTable(20_000))],
          {},
          REPO_ROOT,
          230_000
        )
        expect(run.stderr).not.toContain("not read:")
        expect(run.code).toBe(0)
        expect(run.stdout).toContain("valid: 20000 row(s) to sync")
      }),
    240_000
  )
})

describe("signals during a long parse (built CLI)", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130]
  ] as const) {
    it(`${signal} mid-parse of a 20,000-row document ends the process at once, exit ${code}`, async () => {
      const path = write(`big-${signal}`, plainTable(20_000))
      const child = spawn(
        process.execPath,
        [inject("e2eBundle"), "validate", "--source", path, "--log-level", "debug"],
        {
          cwd: REPO_ROOT,
          env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }
        }
      )
      let stderr = ""
      const exited = new Promise<{ code: number | null; at: number }>((resolve) =>
        child.on("exit", (exitCode) => resolve({ code: exitCode, at: performance.now() }))
      )
      // The reader logs when it hands the document to the parser; the signal comes right after.
      await new Promise<void>((resolve) =>
        child.stderr.on("data", (chunk: Buffer) => {
          stderr += chunk.toString()
          if (stderr.includes("reading the plan document")) resolve()
        })
      )
      const sent = performance.now()
      child.kill(signal)
      const { code: exitCode, at } = await exited
      expect(exitCode).toBe(code)
      // Generous for a loaded machine; it is a few milliseconds when the machine is idle.
      expect(at - sent).toBeLessThan(3_000)
      expect(stderr).not.toMatch(STACK_TRACE)
    }, 30_000)
  }
})
