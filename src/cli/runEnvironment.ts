import { dirname } from "node:path"
import * as Shell from "@effect/platform/Command"
import type { CommandExecutor } from "@effect/platform/CommandExecutor"
import { Config, Effect, Option } from "effect"

/**
 * The commit the plan document is at, for the plan JSON and the audit comment: GITHUB_SHA in Actions,
 * otherwise `git rev-parse HEAD` next to the document. Unknown is fine (not a git checkout, no git).
 */
export const currentCommit = (source: string): Effect.Effect<Option.Option<string>, never, CommandExecutor> =>
  Effect.gen(function* () {
    const fromActions = yield* Config.option(Config.nonEmptyString("GITHUB_SHA")).pipe(
      Effect.orElseSucceed(() => Option.none<string>())
    )
    if (Option.isSome(fromActions)) return fromActions
    const head = yield* Shell.make("git", "rev-parse", "HEAD").pipe(
      Shell.workingDirectory(dirname(source)),
      Shell.string,
      Effect.timeout("5 seconds"),
      Effect.option
    )
    return Option.filter(
      Option.map(head, (s) => s.trim()),
      (s) => /^[0-9a-f]{40}$/.test(s)
    )
  })
