import { randomUUID } from "node:crypto"
import * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Option } from "effect"
import { GitHubFileWriteFailed } from "./errors.js"
import { GitHubContext } from "./GitHubContext.js"

export type OutputValue = string | number | boolean

/**
 * One step output in the $GITHUB_OUTPUT file format. A single-line value is `name=value`; a multi-line one uses
 * a heredoc whose delimiter must not occur in the value (the caller picks a random one).
 */
export const formatOutput = (name: string, value: OutputValue, delimiter: string): string => {
  const text = String(value)
  if (!/[\r\n]/.test(text)) return `${name}=${text}\n`
  return `${name}<<${delimiter}\n${text}\n${delimiter}\n`
}

const VALID_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/

const freshDelimiter = (values: ReadonlyArray<string>): Effect.Effect<string> =>
  Effect.sync(() => `ghadelimiter_${randomUUID()}`).pipe(
    Effect.repeat({ until: (delimiter) => values.every((value) => !value.includes(delimiter)) })
  )

/**
 * Sets step outputs through $GITHUB_OUTPUT. Outside GitHub Actions nothing is written and the result is `false`.
 */
export const setOutputs = (
  outputs: Readonly<Record<string, OutputValue>>
): Effect.Effect<boolean, GitHubFileWriteFailed, GitHubContext | FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const context = yield* GitHubContext
    if (Option.isNone(context.outputPath)) return false
    const path = context.outputPath.value
    const entries = Object.entries(outputs)
    const invalid = entries.find(([name]) => !VALID_NAME.test(name))
    if (invalid !== undefined) {
      return yield* new GitHubFileWriteFailed({
        variable: "GITHUB_OUTPUT",
        path,
        reason: `"${invalid[0]}" is not a valid output name (letters, digits, "_" and "-")`
      })
    }
    const delimiter = yield* freshDelimiter(entries.map(([, value]) => String(value)))
    const text = entries.map(([name, value]) => formatOutput(name, value, delimiter)).join("")
    const fs = yield* FileSystem.FileSystem
    yield* fs
      .writeFileString(path, text, { flag: "a" })
      .pipe(Effect.mapError((e) => new GitHubFileWriteFailed({ variable: "GITHUB_OUTPUT", path, reason: e.message })))
    return true
  })
