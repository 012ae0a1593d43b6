import { Duration, Schedule } from "effect"
import type { PullRequestCommentError } from "../errors.js"

/** Longer waits than this are not sat out in CI: the job fails and says to run it again later. */
export const MAX_RATE_LIMIT_WAIT = Duration.minutes(2)

/** GitHub's advice when a rate-limited answer says nothing about when to come back. */
const DEFAULT_RATE_LIMIT_WAIT = Duration.minutes(1)

const isRetryable = (error: PullRequestCommentError): boolean => {
  switch (error._tag) {
    case "GitHubServerError":
    case "GitHubUnreachable":
      return true
    case "GitHubRateLimited":
      return error.retryAfter === undefined || Duration.lessThanOrEqualTo(error.retryAfter, MAX_RATE_LIMIT_WAIT)
    default:
      return false
  }
}

/**
 * Retries a whole upsert (list, then write), so a retried write first finds a comment an earlier lost
 * answer may already have created. Exponential from 1 s, at most 3 retries, and exactly as long as
 * GitHub asks (Retry-After / x-ratelimit-reset) when it is rate limiting.
 */
export const retryPolicy = Schedule.exponential("1 second", 2).pipe(
  Schedule.intersect(Schedule.recurs(3)),
  Schedule.intersect(Schedule.identity<PullRequestCommentError>()),
  Schedule.whileInput(isRetryable),
  Schedule.modifyDelay(([, error], delay) =>
    error._tag === "GitHubRateLimited" ? (error.retryAfter ?? DEFAULT_RATE_LIMIT_WAIT) : delay
  )
)
