import { Either, Option, ParseResult, Schema } from "effect"

/** The part of a GitHub event payload op-reconcile reads; every other field is ignored. */
const RepositoryRef = Schema.Struct({ full_name: Schema.String })

const PullRequestPayload = Schema.Struct({
  number: Schema.Int,
  head: Schema.Struct({
    // null when the fork the pull request came from has been deleted
    repo: Schema.NullOr(RepositoryRef)
  }),
  base: Schema.Struct({ repo: RepositoryRef })
})

export const EventPayload = Schema.Struct({ pull_request: Schema.optional(PullRequestPayload) })

export interface PullRequestRef {
  readonly number: number
  /** owner/name of the repository the pull request's branch lives in; undefined when that fork is gone. */
  readonly headRepository: string | undefined
  /** A fork's pull request gets a read-only token and no secrets. */
  readonly fromFork: boolean
}

/** Decodes the event JSON text; `None` when the event is not about a pull request (push, schedule, ...). */
export const decodePullRequestEvent = (text: string): Either.Either<Option.Option<PullRequestRef>, string> =>
  Schema.decodeUnknownEither(Schema.parseJson(EventPayload))(text).pipe(
    Either.mapLeft((e) => ParseResult.TreeFormatter.formatErrorSync(e)),
    Either.map(({ pull_request }) =>
      Option.fromNullable(pull_request).pipe(
        Option.map((pr) => ({
          number: pr.number,
          headRepository: pr.head.repo?.full_name,
          fromFork: pr.head.repo === null || pr.head.repo.full_name !== pr.base.repo.full_name
        }))
      )
    )
  )
