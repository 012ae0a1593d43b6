import { execFile } from "node:child_process"
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
