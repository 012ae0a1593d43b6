import { execFile, spawn } from "node:child_process"
import { join } from "node:path"
import { Effect, Schema } from "effect"
import { inject } from "vitest"
import type { RunningSandbox } from "../../../src/sandbox/Sandbox.js"

/**
 * Runs the built CLI (a private copy of dist/op-reconcile.js made by test/e2e/globalSetup.ts) as a user
 * would: a child process with its own clock, from the repository root, with only the environment the test
 * gives it.
 */

export const REPO_ROOT = join(import.meta.dirname, "..", "..", "..")
const BUNDLE = inject("e2eBundle")

// Generous: the child process runs in real time while the whole suite competes for the machine.
const CHILD_TIMEOUT_MS = 30_000

export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
}

export class CliDidNotFinish extends Schema.TaggedError<CliDidNotFinish>()("CliDidNotFinish", {
  args: Schema.Array(Schema.String),
  reason: Schema.String
}) {
  override get message() {
    return `op-reconcile ${this.args.join(" ")} did not finish: ${this.reason}`
  }
}

/**
 * The environment of a run: no OPENPROJECT_* or GITHUB_* variable of the machine running the tests leaks
 * in (a CI runner's GITHUB_ACTIONS would switch on annotations and step summaries); colour off.
 */
const childEnv = (env: Readonly<Record<string, string>>): Record<string, string> => ({
  PATH: process.env.PATH ?? "",
  NO_COLOR: "1",
  ...env
})

export const runCli = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {},
  cwd: string = REPO_ROOT,
  timeoutMs: number = CHILD_TIMEOUT_MS
): Effect.Effect<CliRun, CliDidNotFinish> =>
  Effect.async<CliRun, CliDidNotFinish>((resume) => {
    const child = execFile(
      process.execPath,
      [BUNDLE, ...args],
      { cwd, env: childEnv(env), timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) return resume(Effect.succeed({ code: 0, stdout, stderr }))
        if (typeof error.code === "number" && !error.killed) {
          return resume(Effect.succeed({ code: error.code, stdout, stderr }))
        }
        const reason = error.killed ? `killed after ${timeoutMs} ms (${error.signal ?? "timeout"})` : error.message
        resume(Effect.fail(new CliDidNotFinish({ args: [...args], reason: `${reason}\nstderr: ${stderr}` })))
      }
    )
    return Effect.sync(() => {
      child.kill()
    })
  })

/** The environment that points the CLI at a running sandbox with its key. */
export const sandboxEnv = (sandbox: RunningSandbox): Record<string, string> => ({
  OPENPROJECT_URL: sandbox.url,
  OPENPROJECT_API_KEY: sandbox.apiKey
})

/** What an uncaught error or a pretty-printed Cause would leave in the output. */
export const STACK_TRACE = /^\s+at .+[:(]|FiberFailure|\bat file:|node:internal/m

/** A run of the built CLI that the test can send signals to while it works. */
export interface StartedCli {
  readonly signal: (signal: "SIGINT" | "SIGTERM") => Effect.Effect<void>
  /** Waits (on the child's output, not on a clock) until its stderr contains `text`. */
  readonly stderrShows: (text: string) => Effect.Effect<void>
  /** Its exit code (a signal the CLI did not handle shows as 128 + its number) and output. */
  readonly finished: Effect.Effect<CliRun, CliDidNotFinish>
}

const SIGNAL_NUMBERS: Readonly<Record<string, number>> = { SIGINT: 2, SIGTERM: 15 }

export const startCli = (
  args: ReadonlyArray<string>,
  env: Readonly<Record<string, string>> = {}
): Effect.Effect<StartedCli> =>
  Effect.sync(() => {
    const child = spawn(process.execPath, [BUNDLE, ...args], {
      cwd: REPO_ROOT,
      env: childEnv(env),
      stdio: ["ignore", "pipe", "pipe"]
    })
    let stdout = ""
    let stderr = ""
    const waiting: Array<{ readonly text: string; readonly done: () => void }> = []
    child.stdout.on("data", (d: Buffer) => {
      stdout += d.toString()
    })
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString()
      for (const w of waiting.filter((w) => stderr.includes(w.text))) {
        waiting.splice(waiting.indexOf(w), 1)
        w.done()
      }
    })
    child.on("close", () => {
      for (const w of waiting.splice(0)) w.done()
    })
    const timer = setTimeout(() => child.kill("SIGKILL"), CHILD_TIMEOUT_MS)
    const finished = Effect.async<CliRun, CliDidNotFinish>((resume) => {
      child.on("close", (code, signal) => {
        clearTimeout(timer)
        if (signal === "SIGKILL") {
          resume(Effect.fail(new CliDidNotFinish({ args: [...args], reason: `killed after ${CHILD_TIMEOUT_MS} ms` })))
        } else {
          resume(Effect.succeed({ code: code ?? 128 + (SIGNAL_NUMBERS[signal ?? ""] ?? 0), stdout, stderr }))
        }
      })
    })
    return {
      signal: (signal) =>
        Effect.sync(() => {
          child.kill(signal)
        }),
      stderrShows: (text) =>
        Effect.async<void>((resume) => {
          if (stderr.includes(text) || child.exitCode !== null) resume(Effect.void)
          else waiting.push({ text, done: () => resume(Effect.void) })
        }),
      finished
    }
  })
