import * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Option } from "effect"
import { GitHubFileWriteFailed } from "./errors.js"
import { GitHubContext } from "./GitHubContext.js"

/**
 * Appends markdown to the job summary ($GITHUB_STEP_SUMMARY). Outside GitHub Actions there is no summary:
 * nothing is written and the result is `false`.
 */
export const appendStepSummary = (
  markdown: string
): Effect.Effect<boolean, GitHubFileWriteFailed, GitHubContext | FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const context = yield* GitHubContext
    if (Option.isNone(context.stepSummaryPath)) return false
    const path = context.stepSummaryPath.value
    const fs = yield* FileSystem.FileSystem
    const text = markdown.endsWith("\n") ? markdown : `${markdown}\n`
    yield* fs
      .writeFileString(path, text, { flag: "a" })
      .pipe(
        Effect.mapError((e) => new GitHubFileWriteFailed({ variable: "GITHUB_STEP_SUMMARY", path, reason: e.message }))
      )
    return true
  })
