import { Effect } from "effect"
import type { PullRequestCommentError } from "./errors.js"
import { PullRequestComments, type UpsertCommentInput, type UpsertCommentResult } from "./PullRequestComments.js"

/**
 * Posts (or updates) the plan as the pull request's sticky comment. `marker` is the plan's source path, so
 * two plans in one repository keep two comments.
 */
export const postPlanComment = (
  input: UpsertCommentInput
): Effect.Effect<UpsertCommentResult, PullRequestCommentError, PullRequestComments> =>
  Effect.flatMap(PullRequestComments, (comments) => comments.upsert(input))
