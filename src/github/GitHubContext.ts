import * as FileSystem from "@effect/platform/FileSystem"
import { Config, type ConfigError, Context, Effect, Either, Layer, Option, Redacted } from "effect"
import { GitHubEventUnreadable, InvalidGitHubEnvironment } from "./errors.js"
import { decodePullRequestEvent, type PullRequestRef } from "./pullRequestEvent.js"

export type { PullRequestRef } from "./pullRequestEvent.js"

export interface RepositoryRef {
  readonly owner: string
  readonly name: string
}

/** What GitHub Actions tells a job about itself. Everything but the API URL may be absent (local runs). */
export interface GitHubContextShape {
  readonly token: Option.Option<Redacted.Redacted<string>>
  readonly repository: Option.Option<RepositoryRef>
  readonly eventName: Option.Option<string>
  readonly pullRequest: Option.Option<PullRequestRef>
  /** REST API root without a trailing slash: https://api.github.com, or https://HOST/api/v3 on GitHub Enterprise. */
  readonly apiUrl: string
  /** GITHUB_ACTIONS=true: annotations, step summary and outputs are wanted. */
  readonly inActions: boolean
  /** Link to this workflow run, for audit comments. */
  readonly runUrl: Option.Option<string>
  readonly sha: Option.Option<string>
  /** GITHUB_WORKSPACE: annotation paths are relative to it. */
  readonly workspace: Option.Option<string>
  readonly stepSummaryPath: Option.Option<string>
  readonly outputPath: Option.Option<string>
}

export const DEFAULT_GITHUB_API_URL = "https://api.github.com"

const nonEmpty = (name: string) =>
  Config.string(name).pipe(Config.option, Config.map(Option.filter((value) => value.trim() !== "")))

const parseRepository = (value: string): Either.Either<RepositoryRef, InvalidGitHubEnvironment> => {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(value.trim())
  return match?.[1] !== undefined && match[2] !== undefined
    ? Either.right({ owner: match[1], name: match[2] })
    : Either.left(
        new InvalidGitHubEnvironment({ variable: "GITHUB_REPOSITORY", reason: `is "${value}", expected owner/name` })
      )
}

const readPullRequest = (path: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs
      .readFileString(path)
      .pipe(Effect.mapError((e) => new GitHubEventUnreadable({ path, reason: e.message })))
    return yield* decodePullRequestEvent(text).pipe(
      Either.mapLeft((reason) => new GitHubEventUnreadable({ path, reason }))
    )
  })

const fromEnvironment: Effect.Effect<
  GitHubContextShape,
  ConfigError.ConfigError | InvalidGitHubEnvironment | GitHubEventUnreadable,
  FileSystem.FileSystem
> = Effect.gen(function* () {
  const env = yield* Config.all({
    token: nonEmpty("GITHUB_TOKEN").pipe(Config.map(Option.map(Redacted.make))),
    repository: nonEmpty("GITHUB_REPOSITORY"),
    eventName: nonEmpty("GITHUB_EVENT_NAME"),
    eventPath: nonEmpty("GITHUB_EVENT_PATH"),
    apiUrl: nonEmpty("GITHUB_API_URL"),
    actions: nonEmpty("GITHUB_ACTIONS"),
    serverUrl: nonEmpty("GITHUB_SERVER_URL"),
    runId: nonEmpty("GITHUB_RUN_ID"),
    sha: nonEmpty("GITHUB_SHA"),
    workspace: nonEmpty("GITHUB_WORKSPACE"),
    stepSummaryPath: nonEmpty("GITHUB_STEP_SUMMARY"),
    outputPath: nonEmpty("GITHUB_OUTPUT")
  })
  const repository = Option.isSome(env.repository)
    ? Option.some(yield* parseRepository(env.repository.value))
    : Option.none()
  const pullRequest = Option.isSome(env.eventPath) ? yield* readPullRequest(env.eventPath.value) : Option.none()
  const runUrl = Option.all([env.serverUrl, env.repository, env.runId]).pipe(
    Option.map(([server, repo, run]) => `${server.replace(/\/+$/, "")}/${repo}/actions/runs/${run}`)
  )
  return {
    token: env.token,
    repository,
    eventName: env.eventName,
    pullRequest,
    apiUrl: Option.getOrElse(env.apiUrl, () => DEFAULT_GITHUB_API_URL).replace(/\/+$/, ""),
    inActions: Option.exists(env.actions, (value) => value.trim().toLowerCase() === "true"),
    runUrl,
    sha: env.sha,
    workspace: env.workspace,
    stepSummaryPath: env.stepSummaryPath,
    outputPath: env.outputPath
  }
})

/** The GitHub Actions environment of this run, read once from GITHUB_* variables and the event payload. */
export class GitHubContext extends Context.Tag("op-reconcile/GitHubContext")<GitHubContext, GitHubContextShape>() {
  /** Reads GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH, GITHUB_API_URL, ... (all optional). */
  static readonly fromEnv = Layer.effect(GitHubContext, fromEnvironment)

  /** An explicit context (tests, or a caller that knows better than the environment). */
  static layer(values: Partial<GitHubContextShape>): Layer.Layer<GitHubContext> {
    return Layer.succeed(GitHubContext, GitHubContext.make(values))
  }

  static make(values: Partial<GitHubContextShape>): GitHubContextShape {
    return {
      token: Option.none(),
      repository: Option.none(),
      eventName: Option.none(),
      pullRequest: Option.none(),
      inActions: false,
      runUrl: Option.none(),
      sha: Option.none(),
      workspace: Option.none(),
      stepSummaryPath: Option.none(),
      outputPath: Option.none(),
      ...values,
      apiUrl: (values.apiUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, "")
    }
  }
}
