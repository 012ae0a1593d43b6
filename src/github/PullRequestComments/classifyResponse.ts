import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Clock, Effect, ParseResult, Schema } from "effect"
import {
  GitHubMissingPermission,
  GitHubNotFound,
  GitHubRateLimited,
  GitHubRequestRejected,
  type GitHubResponseError,
  GitHubServerError,
  GitHubUnauthorized,
  GitHubUnexpectedResponse
} from "../errors.js"
import { isRateLimit403, rateLimitDelay } from "./rateLimitDelay.js"

const ErrorBody = Schema.Struct({ message: Schema.String })

/** What the request was about, so that a 403/404 can name it. */
export interface RequestTarget {
  readonly url: string
  readonly repository: string
  readonly pullRequest: number
  readonly fromFork: boolean
}

const githubMessage = (response: HttpClientResponse.HttpClientResponse): Effect.Effect<string> =>
  response.json.pipe(
    Effect.flatMap(Schema.decodeUnknown(ErrorBody)),
    Effect.map((body) => body.message),
    Effect.orElseSucceed(() => `HTTP ${response.status}`)
  )

/** A 2xx decoded with `schema`; every other status becomes the typed error that says what to do. */
export const classifyResponse =
  <A, I>(schema: Schema.Schema<A, I>, target: RequestTarget) =>
  (response: HttpClientResponse.HttpClientResponse): Effect.Effect<A, GitHubResponseError> =>
    Effect.gen(function* () {
      const { url } = target
      const status = response.status
      if (status >= 200 && status < 300) {
        const body = yield* response.json.pipe(
          Effect.mapError((e) => new GitHubUnexpectedResponse({ url, status, reason: e.message }))
        )
        return yield* Schema.decodeUnknown(schema)(body).pipe(
          Effect.mapError(
            (e) => new GitHubUnexpectedResponse({ url, status, reason: ParseResult.TreeFormatter.formatErrorSync(e) })
          )
        )
      }
      const message = yield* githubMessage(response)
      const now = yield* Clock.currentTimeMillis
      if (status === 401) return yield* new GitHubUnauthorized({ url })
      if (status === 429 || (status === 403 && isRateLimit403(response.headers, message))) {
        return yield* new GitHubRateLimited({ url, status, retryAfter: rateLimitDelay(response.headers, now) })
      }
      if (status === 403) {
        return yield* new GitHubMissingPermission({ url, githubMessage: message, fromFork: target.fromFork })
      }
      if (status === 404) {
        return yield* new GitHubNotFound({ url, repository: target.repository, pullRequest: target.pullRequest })
      }
      if (status >= 500) return yield* new GitHubServerError({ url, status })
      return yield* new GitHubRequestRejected({ url, status, githubMessage: message })
    })
