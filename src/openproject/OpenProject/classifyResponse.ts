import { Either, identity, Option, ParseResult, Schema } from "effect"
import {
  ContentTypeRejected,
  MissingPermission,
  NotFound,
  type OpenProjectRequestError,
  RateLimited,
  ServerError,
  TransitionRefused,
  Unauthenticated,
  UnexpectedResponse,
  UpdateConflict,
  ValidationFailed
} from "../errors.js"
import { HalError, type HalErrorChild } from "../Hal.js"
import { serverWait } from "./serverWait.js"

/** An answer as received: status, headers (only read for the wait hints, never reported), body text. */
export interface ReceivedResponse {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

const EXCERPT_LENGTH = 200

/** The start of a body, for error messages: enough to recognise a proxy or login page, never the whole body. */
export const excerpt = (body: string): string => {
  const flat = body.replace(/\s+/g, " ").trim()
  return flat.length <= EXCERPT_LENGTH ? flat : `${flat.slice(0, EXCERPT_LENGTH)}…`
}

const IDENTIFIER_PREFIX = "urn:openproject-org:api:v3:errors:"
const isIdentifier = (identifier: string | undefined, name: string) => identifier === `${IDENTIFIER_PREFIX}${name}`

const decodeHalError = Schema.decodeUnknownEither(HalError)
const decodeErrorBody = (body: string): Option.Option<HalError> =>
  Either.getRight(Either.flatMap(parseJsonText(body), (json) => Either.mapLeft(decodeHalError(json), String)))

/** The workflow refusal, alone or inside a MultipleErrors wrapper; its own message is the one to show. */
const statusRefusal = (error: HalError): string | undefined => {
  const refuses = (e: typeof HalErrorChild.Type) =>
    isIdentifier(e.errorIdentifier, "PropertyConstraintViolation") && e._embedded?.details?.attribute === "status"
  if (refuses(error)) return error.message
  return error._embedded?.errors?.find(refuses)?.message
}

/**
 * OpenProject's message, and for a MultipleErrors wrapper each inner message after it: the wrapper alone
 * ("Multiple field constraints have been violated.") does not say which field is wrong.
 */
const withInnerMessages = (error: HalError): string => {
  const inner = (error._embedded?.errors ?? []).map((e) => e.message.trim()).filter((m) => m !== "")
  return inner.length === 0 ? error.message : [error.message.trim(), ...inner].join(" ")
}

/**
 * Maps a non-2xx answer to its error, from the status code and OpenProject's `errorIdentifier` only:
 * messages are localized and change between releases, so they are carried, never parsed.
 */
export const classifyFailure = (
  received: ReceivedResponse,
  nowMillis: number,
  scrub: (text: string) => string = identity
): OpenProjectRequestError => {
  const response = { ...received, body: scrub(received.body) }
  const { method, status, url } = response
  const halError = decodeErrorBody(response.body)
  const serverMessage = Option.match(halError, {
    onNone: () => (response.body.trim() === "" ? undefined : excerpt(response.body)),
    onSome: withInnerMessages
  })
  const request = { method, url }
  const withMessage = serverMessage === undefined ? request : { ...request, serverMessage }
  switch (status) {
    case 401:
      return new Unauthenticated(withMessage)
    case 403:
      return new MissingPermission(withMessage)
    case 404:
      return new NotFound(withMessage)
    case 409:
      return new UpdateConflict(withMessage)
    case 406:
    case 415:
      return new ContentTypeRejected({ ...withMessage, status })
    case 429:
      return new RateLimited({ ...request, retryAfter: serverWait(response.headers, nowMillis) })
  }
  if (status === 400 || status === 422) {
    const hal = Option.getOrUndefined(halError)
    const refusal = status === 422 && hal !== undefined ? statusRefusal(hal) : undefined
    if (refusal !== undefined) return new TransitionRefused({ ...request, serverMessage: refusal })
    return new ValidationFailed({
      ...withMessage,
      status,
      errorIdentifier: hal?.errorIdentifier,
      attribute: hal?._embedded?.details?.attribute
    })
  }
  if (status >= 500 && status <= 599) {
    return new ServerError({ ...withMessage, status, retryAfter: serverWait(response.headers, nowMillis) })
  }
  return unexpected(response, `HTTP ${status}`)
}

export const unexpected = (response: ReceivedResponse, problem: string): UnexpectedResponse =>
  new UnexpectedResponse({
    method: response.method,
    url: response.url,
    status: response.status,
    excerpt: excerpt(response.body),
    problem
  })

/**
 * Decodes a 2xx body; anything else than the documented shape is an UnexpectedResponse. The decoder is built
 * here, once per schema, and reused for every answer: building it is most of the cost of a small body. The
 * text is parsed by JSON.parse and the value decoded by the schema, which for a page of 1,000 work packages
 * takes half the time of Schema.parseJson(schema) and reports the same problems.
 */
export const decodeSuccess = <A, I>(schema: Schema.Schema<A, I>, scrub: (text: string) => string = identity) => {
  const decode = Schema.decodeUnknownEither(schema)
  return (response: ReceivedResponse): Either.Either<A, UnexpectedResponse> => {
    const fail = (problem: string) => unexpected({ ...response, body: scrub(response.body) }, scrub(problem))
    const parsed = parseJsonText(response.body)
    if (Either.isLeft(parsed)) return Either.left(fail(shapeProblem([], parsed.left)))
    return Either.mapLeft(decode(parsed.right), (error) => fail(firstProblem(error)))
  }
}

/** JSON.parse without the throw: the SyntaxError's message on the left. */
const parseJsonText = (text: string): Either.Either<unknown, string> =>
  Either.try({
    try: (): unknown => JSON.parse(text),
    catch: (error) => (error instanceof Error ? error.message : String(error))
  })

/** The first decoding problem in one line, e.g. `["_links"]["status"]: is missing`. */
const firstProblem = (error: ParseResult.ParseError): string => {
  const issues = ParseResult.ArrayFormatter.formatErrorSync(error)
  const first = issues[0]
  if (first === undefined) return "not the documented shape"
  return shapeProblem(first.path, first.message)
}

const shapeProblem = (at: ReadonlyArray<PropertyKey>, message: string): string => {
  const path = at.map((p) => `[${JSON.stringify(p)}]`).join("")
  return `not the documented shape: ${path === "" ? "" : `${path}: `}${message}`.slice(0, 300)
}
