import type { FileSystem, HttpClient } from "@effect/platform"
import { type ConfigError, Effect, Layer } from "effect"
import type { GitHubEventUnreadable, InvalidGitHubEnvironment, PullRequestCommentError } from "./errors.js"
import { GitHubContext } from "./GitHubContext.js"
import { PullRequestComments, type UpsertCommentInput, type UpsertCommentResult } from "./PullRequestComments.js"

/**
 * Posts (or updates) the plan as the pull request's sticky comment. `marker` is the plan's source path, so
 * two plans in one repository keep two comments.
 */
export const postPlanComment = (
  input: UpsertCommentInput
): Effect.Effect<UpsertCommentResult, PullRequestCommentError, PullRequestComments> =>
  Effect.flatMap(PullRequestComments, (comments) => comments.upsert(input))

/**
 * The comment service with the context read from GITHUB_* variables; also hands out that GitHubContext
 * (annotations, step summary, outputs). The caller provides the HttpClient and the FileSystem.
 */
export const pullRequestCommentsLayer: Layer.Layer<
  PullRequestComments | GitHubContext,
  ConfigError.ConfigError | InvalidGitHubEnvironment | GitHubEventUnreadable,
  HttpClient.HttpClient | FileSystem.FileSystem
> = PullRequestComments.Default.pipe(Layer.provideMerge(GitHubContext.fromEnv))
