import { Duration, Schema } from "effect"
import { oneLine } from "../safeText/oneLine.js"

/**
 * Failures of the GitHub side of op-reconcile (pull-request comment, event file, step summary, outputs).
 * Each `message` says what the user should do; none of them ever contains the token.
 */

const PERMISSION_HINT =
  "Give the job `permissions: pull-requests: write` (or pass a token that may comment on pull requests)."

// a GitHub expression the user types into a workflow, not a template placeholder
const GITHUB_TOKEN_EXPRESSION = "$" + "{{ github.token }}"

const FORK_HINT =
  "On a pull request from a fork, GitHub hands the workflow a read-only token and no secrets: " +
  "run `op-reconcile validate` there instead of a dry-run with --github-comment."

/** No GITHUB_TOKEN: nothing can be posted. */
export class MissingGitHubToken extends Schema.TaggedError<MissingGitHubToken>()("MissingGitHubToken", {}) {
  override get message(): string {
    return (
      "GITHUB_TOKEN is not set, so the plan cannot be posted as a pull-request comment. " +
      `In a workflow, pass \`github-token: ${GITHUB_TOKEN_EXPRESSION}\` to the action (its default) or set ` +
      `env GITHUB_TOKEN. ${FORK_HINT}`
    )
  }
}

/** The run is not for a pull request (no event file, or an event without `pull_request`). */
export class NoPullRequest extends Schema.TaggedError<NoPullRequest>()("NoPullRequest", {
  eventName: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const event =
      this.eventName === undefined ? "this run has no GitHub event" : `the event is "${oneLine(this.eventName)}"`
    return (
      `There is no pull request to comment on: ${event}. ` +
      "Use --github-comment only in a workflow triggered by `pull_request` (GITHUB_EVENT_PATH must point at its payload)."
    )
  }
}

/** A GITHUB_* variable is missing or malformed. */
export class InvalidGitHubEnvironment extends Schema.TaggedError<InvalidGitHubEnvironment>()(
  "InvalidGitHubEnvironment",
  { variable: Schema.String, reason: Schema.String }
) {
  override get message(): string {
    return `${this.variable} ${oneLine(this.reason)}. GitHub Actions sets it for every job; outside Actions set it yourself.`
  }
}

/** The event payload at GITHUB_EVENT_PATH could not be read or is not what GitHub writes. */
export class GitHubEventUnreadable extends Schema.TaggedError<GitHubEventUnreadable>()("GitHubEventUnreadable", {
  path: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Cannot read the GitHub event payload ${oneLine(this.path)} (GITHUB_EVENT_PATH): ${oneLine(this.reason)}.`
  }
}

/** 401: the token is invalid or expired. */
export class GitHubUnauthorized extends Schema.TaggedError<GitHubUnauthorized>()("GitHubUnauthorized", {
  url: Schema.String
}) {
  override get message(): string {
    return (
      `GitHub rejected the token (401) at ${this.url}. ` +
      "Check the github-token input / GITHUB_TOKEN: it is invalid, expired or revoked."
    )
  }
}

/** 403 that is not a rate limit: the token may not write comments. */
export class GitHubMissingPermission extends Schema.TaggedError<GitHubMissingPermission>()("GitHubMissingPermission", {
  url: Schema.String,
  githubMessage: Schema.String,
  fromFork: Schema.Boolean
}) {
  override get message(): string {
    const fork = this.fromFork ? `This pull request comes from a fork. ${FORK_HINT}` : FORK_HINT
    return `GitHub refused the comment (403 ${oneLine(this.githubMessage)}) at ${this.url}. ${PERMISSION_HINT} ${fork}`
  }
}

/** 404: the repository or the pull request is unknown, or invisible to this token. */
export class GitHubNotFound extends Schema.TaggedError<GitHubNotFound>()("GitHubNotFound", {
  url: Schema.String,
  repository: Schema.String,
  pullRequest: Schema.Int
}) {
  override get message(): string {
    return (
      `GitHub answered 404 at ${this.url}: repository ${this.repository} or pull request #${this.pullRequest} ` +
      "does not exist or the token cannot see it. Check GITHUB_REPOSITORY, GITHUB_API_URL (GitHub Enterprise: " +
      "https://HOST/api/v3) and the token's repository access."
    )
  }
}

/** 429, or 403 with a rate-limit signal. Retried when the wait is short enough. */
export class GitHubRateLimited extends Schema.TaggedError<GitHubRateLimited>()("GitHubRateLimited", {
  url: Schema.String,
  status: Schema.Int,
  retryAfter: Schema.optional(Schema.DurationFromMillis)
}) {
  override get message(): string {
    const wait =
      this.retryAfter === undefined
        ? "GitHub gave no time to wait"
        : `GitHub asks to wait ${Math.ceil(Duration.toSeconds(this.retryAfter))} s`
    return `GitHub rate limit hit (${this.status}) at ${this.url}; ${wait}. Run the job again later.`
  }
}

/** 422 or another 4xx: GitHub refused the request itself. */
export class GitHubRequestRejected extends Schema.TaggedError<GitHubRequestRejected>()("GitHubRequestRejected", {
  url: Schema.String,
  status: Schema.Int,
  githubMessage: Schema.String
}) {
  override get message(): string {
    return `GitHub refused the request (${this.status}) at ${this.url}: ${oneLine(this.githubMessage)}.`
  }
}

/** 5xx: GitHub is having trouble. Retried a few times. */
export class GitHubServerError extends Schema.TaggedError<GitHubServerError>()("GitHubServerError", {
  url: Schema.String,
  status: Schema.Int
}) {
  override get message(): string {
    return `GitHub answered ${this.status} at ${this.url} (a problem on GitHub's side). Run the job again later.`
  }
}

/** The request never got an answer (DNS, TLS, connection reset). Retried a few times. */
export class GitHubUnreachable extends Schema.TaggedError<GitHubUnreachable>()("GitHubUnreachable", {
  url: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Cannot reach GitHub at ${this.url}: ${oneLine(this.reason)}. Check GITHUB_API_URL and the runner's network.`
  }
}

/** A 2xx whose body or headers are not what GitHub's REST API documents. */
export class GitHubUnexpectedResponse extends Schema.TaggedError<GitHubUnexpectedResponse>()(
  "GitHubUnexpectedResponse",
  { url: Schema.String, status: Schema.Int, reason: Schema.String }
) {
  override get message(): string {
    return `Unexpected answer from GitHub (${this.status}) at ${oneLine(this.url)}: ${oneLine(this.reason)}. Is GITHUB_API_URL a GitHub REST API?`
  }
}

/** $GITHUB_STEP_SUMMARY or $GITHUB_OUTPUT could not be written. */
export class GitHubFileWriteFailed extends Schema.TaggedError<GitHubFileWriteFailed>()("GitHubFileWriteFailed", {
  variable: Schema.String,
  path: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return `Cannot write ${this.variable} (${this.path}): ${this.reason}.`
  }
}

/** What an answer from GitHub's API can mean when it is not the one asked for. */
export type GitHubResponseError =
  | GitHubUnauthorized
  | GitHubMissingPermission
  | GitHubNotFound
  | GitHubRateLimited
  | GitHubRequestRejected
  | GitHubServerError
  | GitHubUnexpectedResponse

/** Every failure of a comment upsert. */
export type PullRequestCommentError =
  | MissingGitHubToken
  | NoPullRequest
  | InvalidGitHubEnvironment
  | GitHubUnreachable
  | GitHubResponseError
