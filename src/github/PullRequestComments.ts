import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Duration, Effect, Option, type Redacted, Schema } from "effect"
import { carriesMarker, commentMarker, fitCommentBody, sameCommentBody, withMarker } from "./commentBody.js"
import {
  GitHubUnexpectedResponse,
  GitHubUnreachable,
  InvalidGitHubEnvironment,
  MissingGitHubToken,
  NoPullRequest,
  type PullRequestCommentError
} from "./errors.js"
import { GitHubContext } from "./GitHubContext.js"
import { classifyResponse, type RequestTarget } from "./PullRequestComments/classifyResponse.js"
import { nextPageUrl } from "./PullRequestComments/linkHeader.js"
import { retryPolicy } from "./PullRequestComments/retryPolicy.js"
import { graphqlUrl, VIEWER_QUERY, ViewerAnswer } from "./PullRequestComments/viewer.js"

export interface UpsertCommentInput {
  /** Identifies the comment across runs; normally the source file's path (one sticky comment per plan). */
  readonly marker: string
  /** Markdown. Gets the hidden marker if it lacks it; cut with a note if it would exceed GitHub's limit. */
  readonly body: string
  /**
   * The plan has nothing to change. An earlier comment is still updated (to say so), but no new comment is
   * started just to say "in sync": the result is then `skipped`.
   */
  readonly inSync?: boolean
}

export type UpsertCommentResult =
  | { readonly action: "created" | "updated" | "unchanged"; readonly url: string; readonly commentId: number }
  | { readonly action: "skipped"; readonly url: undefined }

const IssueComment = Schema.Struct({
  id: Schema.Int,
  body: Schema.optional(Schema.NullOr(Schema.String)),
  html_url: Schema.String,
  /** Who wrote it; null for a deleted account. */
  user: Schema.optional(Schema.NullOr(Schema.Struct({ login: Schema.String })))
})
type IssueComment = typeof IssueComment.Type

const REQUEST_TIMEOUT = Duration.seconds(30)
/** 100 pages of 100 comments: more than any pull request carries, and a stop against a looping Link header. */
const MAX_PAGES = 100

interface Target {
  readonly token: Redacted.Redacted<string>
  readonly repository: string
  readonly pullRequest: number
  readonly fromFork: boolean
  readonly commentsUrl: string
  readonly commentUrl: (id: number) => string
}

/** The pull request's sticky plan comment, through GitHub's REST issue-comment endpoints. */
export class PullRequestComments extends Effect.Service<PullRequestComments>()("op-reconcile/PullRequestComments", {
  accessors: true,
  effect: Effect.gen(function* () {
    const context = yield* GitHubContext
    const client = yield* HttpClient.HttpClient
    const apiOrigin = new URL(context.apiUrl).origin

    const resolveTarget: Effect.Effect<Target, MissingGitHubToken | NoPullRequest | InvalidGitHubEnvironment> =
      Effect.gen(function* () {
        const pullRequest = yield* Option.match(context.pullRequest, {
          onNone: () => new NoPullRequest({ eventName: Option.getOrUndefined(context.eventName) }),
          onSome: Effect.succeed
        })
        const repository = yield* Option.match(context.repository, {
          onNone: () => new InvalidGitHubEnvironment({ variable: "GITHUB_REPOSITORY", reason: "is not set" }),
          onSome: Effect.succeed
        })
        const token = yield* Option.match(context.token, {
          onNone: () => new MissingGitHubToken(),
          onSome: Effect.succeed
        })
        const repoPath = `${context.apiUrl}/repos/${encodeURIComponent(repository.owner)}/${encodeURIComponent(repository.name)}`
        return {
          token,
          repository: `${repository.owner}/${repository.name}`,
          pullRequest: pullRequest.number,
          fromFork: pullRequest.fromFork,
          commentsUrl: `${repoPath}/issues/${pullRequest.number}/comments`,
          commentUrl: (id: number) => `${repoPath}/issues/comments/${id}`
        }
      })

    const send = <A, I>(target: Target, request: HttpClientRequest.HttpClientRequest, schema: Schema.Schema<A, I>) => {
      const about: RequestTarget = {
        url: `${request.method} ${request.url}`,
        repository: target.repository,
        pullRequest: target.pullRequest,
        fromFork: target.fromFork
      }
      return client
        .execute(
          request.pipe(
            HttpClientRequest.bearerToken(target.token),
            HttpClientRequest.setHeaders({
              Accept: "application/vnd.github+json",
              "X-GitHub-Api-Version": "2022-11-28",
              "User-Agent": "op-reconcile"
            })
          )
        )
        .pipe(
          Effect.mapError((e) => new GitHubUnreachable({ url: about.url, reason: e.message })),
          Effect.flatMap((response) =>
            classifyResponse(schema, about)(response).pipe(Effect.map((value) => ({ value, response })))
          ),
          Effect.timeoutFail({
            duration: REQUEST_TIMEOUT,
            onTimeout: () =>
              new GitHubUnreachable({ url: about.url, reason: `no answer within ${Duration.format(REQUEST_TIMEOUT)}` })
          })
        )
    }

    /**
     * Who op-reconcile posts as: `github-actions[bot]` with the workflow's GITHUB_TOKEN, `<app-slug>[bot]`
     * with an app's installation token, the person with a personal token. GraphQL's `viewer` answers for
     * every kind of token (REST's `GET /user` refuses installation tokens).
     */
    const viewerLogin = (target: Target) =>
      send(
        target,
        HttpClientRequest.post(graphqlUrl(context.apiUrl)).pipe(
          HttpClientRequest.bodyUnsafeJson({ query: VIEWER_QUERY })
        ),
        ViewerAnswer
      ).pipe(Effect.map(({ value }) => value.data.viewer.login))

    /**
     * The sticky comment: the first one that carries the marker on its first line AND was written by the
     * identity op-reconcile posts as. Anyone who can comment can copy the marker; a comment of theirs is left
     * alone (neither edited nor trusted), and op-reconcile keeps its own.
     */
    const findComment = (target: Target, marker: string) =>
      Effect.gen(function* () {
        let login: string | undefined
        let url: string | undefined = `${target.commentsUrl}?per_page=100`
        for (let page = 0; url !== undefined && page < MAX_PAGES; page++) {
          const { value, response } = yield* send(target, HttpClientRequest.get(url), Schema.Array(IssueComment))
          const marked = value.filter((comment) => carriesMarker(comment.body ?? "", marker))
          if (marked.length > 0) {
            login ??= yield* viewerLogin(target)
            const own = marked.find((comment) => comment.user?.login === login)
            if (own !== undefined) return Option.some(own)
          }
          const next = nextPageUrl(response.headers.link)
          // the token goes only to the API's own host, whatever a Link header says
          if (next !== undefined && new URL(next, context.apiUrl).origin !== apiOrigin) {
            return yield* new GitHubUnexpectedResponse({
              url,
              status: response.status,
              reason: `the next-page link points to another host (${new URL(next, context.apiUrl).origin})`
            })
          }
          url = next === undefined ? undefined : new URL(next, context.apiUrl).href
        }
        return Option.none<IssueComment>()
      })

    const attempt = (target: Target, marker: string, body: string, inSync: boolean) =>
      Effect.gen(function* () {
        const existing = yield* findComment(target, marker)
        if (Option.isSome(existing)) {
          const comment = existing.value
          if (sameCommentBody(comment.body ?? "", body)) {
            return { action: "unchanged", url: comment.html_url, commentId: comment.id } as const
          }
          const request = HttpClientRequest.patch(target.commentUrl(comment.id)).pipe(
            HttpClientRequest.bodyUnsafeJson({ body })
          )
          const { value } = yield* send(target, request, IssueComment)
          return { action: "updated", url: value.html_url, commentId: value.id } as const
        }
        if (inSync) return { action: "skipped", url: undefined } as const
        const request = HttpClientRequest.post(target.commentsUrl).pipe(HttpClientRequest.bodyUnsafeJson({ body }))
        const { value } = yield* send(target, request, IssueComment)
        return { action: "created", url: value.html_url, commentId: value.id } as const
      })

    /**
     * Creates the pull request's comment carrying `marker`, or updates it in place; writes nothing when the
     * body is already the same. Retries rate limits (as long as GitHub asks), 5xx and lost connections.
     */
    const upsert = Effect.fn("PullRequestComments.upsert")(function* (
      input: UpsertCommentInput
    ): Effect.fn.Return<UpsertCommentResult, PullRequestCommentError> {
      const target = yield* resolveTarget
      const marker = commentMarker(input.marker)
      const body = fitCommentBody(withMarker(input.body, marker))
      return yield* attempt(target, marker, body, input.inSync === true).pipe(Effect.retry(retryPolicy))
    })

    return { upsert } as const
  })
}) {}
