import { Duration, Schema } from "effect"
import { oneLine } from "../safeText/oneLine.js"

/**
 * Errors of the OpenProject adapter. Each one carries the request (method and full URL, never a header);
 * its `message` names the method and the path (a collection query is long and URL-encoded, and says
 * nothing a user can act on) and tells the user what to do. The API key is never a field of any of them.
 */

const TOKEN_REMEDY =
  "Make a new token in OpenProject → My account → Access tokens and put it in OPENPROJECT_API_KEY " +
  "(or the CI secret that sets it)."

const WORKFLOW_REMEDY =
  "OpenProject's workflow does not allow this transition for the API user: allow it in OpenProject " +
  "(Administration → Work packages → Workflow, for this work package's type and the API user's role), " +
  "or change the plan."

/** Where a failed request went: every request error carries it. */
const requestFields = {
  method: Schema.String,
  url: Schema.String
}

/** `GET /api/v3/work_packages`: what a message names of a request (its query left out, see above). */
export const requestText = (method: string, url: string): string => {
  if (!URL.canParse(url)) return `${method} ${oneLine(url.replace(/[?#].*$/s, ""))}`
  return `${method} ${oneLine(new URL(url).pathname)}`
}

/** The instance a request went to (no path, no query), for the messages that say the URL may be wrong. */
const instanceOf = (url: string): string => (URL.canParse(url) ? new URL(url).origin : "OPENPROJECT_URL")

/** The API's own root and statuses: a 404 there means the URL is not an OpenProject, not a missing work package. */
const isInstanceLevel = (url: string): boolean =>
  URL.canParse(url) && /\/api\/v3(\/statuses|\/users\/me)?\/?$/.test(new URL(url).pathname)

/** What the server said is quoted on one line: it is someone else's text, printed to a terminal or a CI log. */
const said = (serverMessage: string | undefined): string =>
  serverMessage === undefined || serverMessage === "" ? "" : ` OpenProject said: "${oneLine(serverMessage)}"`

const waitText = (wait: Duration.Duration | undefined): string =>
  wait === undefined ? "" : ` OpenProject asked to wait ${Duration.format(wait)}.`

/** 401: the token is missing, wrong, revoked or expired. */
export class Unauthenticated extends Schema.TaggedError<Unauthenticated>()("Unauthenticated", {
  ...requestFields,
  serverMessage: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return (
      `${requestText(this.method, this.url)}: OpenProject did not accept the API token (401; it was revoked or expired, ` +
      `or it is not an API token).${said(this.serverMessage)} ${TOKEN_REMEDY}`
    )
  }
}

/** 403: the token's user may see the resource but lacks the permission for this request. */
export class MissingPermission extends Schema.TaggedError<MissingPermission>()("MissingPermission", {
  ...requestFields,
  serverMessage: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return (
      `${requestText(this.method, this.url)}: the token's user lacks the permission for this (403).${said(this.serverMessage)} ` +
      'Give that user a role with "view work packages", "edit work packages" and "add work package notes" ' +
      "in the project, or use another user's token."
    )
  }
}

/** 404: the resource does not exist or the token's user cannot see it (OpenProject does not tell which). */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  ...requestFields,
  serverMessage: Schema.optional(Schema.String)
}) {
  override get message(): string {
    if (isInstanceLevel(this.url)) {
      return (
        `${requestText(this.method, this.url)}: not found (404) at ${instanceOf(this.url)}: this is not the root of ` +
        `an OpenProject instance (every OpenProject answers this path).${said(this.serverMessage)} Set ` +
        "OPENPROJECT_URL (or --url) to the address you open OpenProject at, e.g. https://openproject.example.com, " +
        "with its sub-path if it has one."
      )
    }
    return (
      `${requestText(this.method, this.url)}: not found, or not visible to the token's user (404).${said(this.serverMessage)} ` +
      "Check the work package id in the plan and that the user is a member of its project."
    )
  }
}

/** 409: the lockVersion sent is stale (someone else edited the work package) or missing. */
export class UpdateConflict extends Schema.TaggedError<UpdateConflict>()("UpdateConflict", {
  ...requestFields,
  serverMessage: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return (
      `${requestText(this.method, this.url)}: the work package was changed by someone else since it was read (409).` +
      `${said(this.serverMessage)} Read it again and recompute the change; a rerun does this by itself.`
    )
  }
}

/** 422 on the status: OpenProject's workflow does not allow this transition for the user's roles. */
export class TransitionRefused extends Schema.TaggedError<TransitionRefused>()("TransitionRefused", {
  ...requestFields,
  serverMessage: Schema.String
}) {
  override get message(): string {
    return `${requestText(this.method, this.url)}: OpenProject refused the status change (422).${said(this.serverMessage)} ${WORKFLOW_REMEDY}`
  }
}

/** Any other 422 or a 400: OpenProject rejected what was sent. */
export class ValidationFailed extends Schema.TaggedError<ValidationFailed>()("ValidationFailed", {
  ...requestFields,
  status: Schema.Int,
  errorIdentifier: Schema.optional(Schema.String),
  attribute: Schema.optional(Schema.String),
  serverMessage: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const on = this.attribute === undefined ? "" : ` on "${oneLine(this.attribute)}"`
    const id = this.errorIdentifier === undefined ? "" : ` ${oneLine(this.errorIdentifier.replace(/^.*:/, ""))}`
    return (
      `${requestText(this.method, this.url)}: OpenProject rejected the request${on} (${this.status}${id}).` +
      `${said(this.serverMessage)} Fix the value it names; if it is the status, check the plan's status names.`
    )
  }
}

/** 406/415: OpenProject refused the request's Content-Type. */
export class ContentTypeRejected extends Schema.TaggedError<ContentTypeRejected>()("ContentTypeRejected", {
  ...requestFields,
  status: Schema.Int,
  serverMessage: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return (
      `${requestText(this.method, this.url)}: OpenProject refused the request's content type (${this.status}).` +
      `${said(this.serverMessage)} Requests must be sent as application/json; a proxy in front of OpenProject ` +
      "may be rewriting them."
    )
  }
}

/** 429: too many requests, after the client's own retries. */
export class RateLimited extends Schema.TaggedError<RateLimited>()("RateLimited", {
  ...requestFields,
  retryAfter: Schema.optional(Schema.DurationFromMillis)
}) {
  override get message(): string {
    return (
      `${requestText(this.method, this.url)}: OpenProject (or a proxy in front of it) is rate limiting this client (429).` +
      `${waitText(this.retryAfter)} Wait and run again, or lower the request rate (--requests-per-second, --burst).`
    )
  }
}

/** 5xx, after the client's own retries. */
export class ServerError extends Schema.TaggedError<ServerError>()("ServerError", {
  ...requestFields,
  status: Schema.Int,
  serverMessage: Schema.optional(Schema.String),
  retryAfter: Schema.optional(Schema.DurationFromMillis)
}) {
  override get message(): string {
    return (
      `${requestText(this.method, this.url)}: OpenProject answered with a server error (${this.status}).` +
      `${said(this.serverMessage)}${waitText(this.retryAfter)} This is not caused by the plan; run again later ` +
      "and tell the OpenProject administrator if it persists."
    )
  }
}

/**
 * No usable answer: connection refused or reset, DNS failure, or a timeout.
 * `requestSent` is true when the request may have reached the server: a write may then have been applied
 * although its answer was lost, so read the work package again before repeating it.
 */
export class TransportError extends Schema.TaggedError<TransportError>()("TransportError", {
  ...requestFields,
  requestSent: Schema.Boolean,
  reason: Schema.String,
  /** Asking again would fail the same way (a refused certificate), so it is not retried. */
  permanent: Schema.optional(Schema.Boolean)
}) {
  override get message(): string {
    const after = this.requestSent
      ? " The request may have reached OpenProject: read the work package again before repeating a write."
      : ""
    return (
      `${requestText(this.method, this.url)}: no answer from OpenProject (${this.reason}).${after} ` +
      "Check OPENPROJECT_URL and the network, then run again."
    )
  }
}

/** An answer the client cannot read: not JSON, or not the shape OpenProject documents. */
export class UnexpectedResponse extends Schema.TaggedError<UnexpectedResponse>()("UnexpectedResponse", {
  ...requestFields,
  status: Schema.Int,
  excerpt: Schema.String,
  problem: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const problem = this.problem === undefined ? "" : ` (${oneLine(this.problem)})`
    return (
      `${requestText(this.method, this.url)}: unexpected answer ${this.status}${problem}, body starts with: ${oneLine(JSON.stringify(this.excerpt))}. ` +
      "Check that OPENPROJECT_URL is the root of an OpenProject instance (not a login page or a proxy)."
    )
  }
}

/** A redirect: never followed, because the configured URL is not where OpenProject answers. */
export class Redirected extends Schema.TaggedError<Redirected>()("Redirected", {
  ...requestFields,
  status: Schema.Int,
  /** The Location header as received (credentials hidden, cut short), when there was one. */
  location: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const where = this.location === undefined ? "without saying where" : `to ${oneLine(this.location)}`
    return (
      `${requestText(this.method, this.url)}: OpenProject answered with a redirect (${this.status}) ${where}; ` +
      "op-reconcile does not follow redirects, so nothing was read from there. OPENPROJECT_URL is probably not " +
      "the instance's address: set it to the address the redirect names if that is your OpenProject (https " +
      "instead of http, another host name, a sub-path), or ask the administrator about the proxy in front of it."
    )
  }
}

/** A body larger than the client reads: refused after the first attempt, never read to its end. */
export class ResponseTooLarge extends Schema.TaggedError<ResponseTooLarge>()("ResponseTooLarge", {
  ...requestFields,
  status: Schema.Int,
  limitBytes: Schema.Int,
  /** The Content-Length the server announced, when it did. */
  declaredBytes: Schema.optional(Schema.Number)
}) {
  override get message(): string {
    const megabytes = (bytes: number) => `${Math.round(bytes / 1_048_576).toLocaleString("en-US")} MB`
    const what =
      this.declaredBytes === undefined
        ? `sent more than ${megabytes(this.limitBytes)}`
        : `announced ${megabytes(this.declaredBytes)}, more than the ${megabytes(this.limitBytes)} op-reconcile reads`
    return (
      `${requestText(this.method, this.url)}: the answer (${this.status}) ${what}; op-reconcile stopped reading it and did ` +
      "not ask again. A page of 1,000 work packages is a few MB: the server or a proxy in front of it is sending " +
      "something else. Check OPENPROJECT_URL and tell the OpenProject administrator."
    )
  }
}

/** A collection that links page after page beyond what it said it holds. */
export class EndlessPagination extends Schema.TaggedError<EndlessPagination>()("EndlessPagination", {
  ...requestFields,
  pagesRead: Schema.Int,
  asked: Schema.Int,
  total: Schema.Int,
  pageSize: Schema.Int
}) {
  override get message(): string {
    return (
      `${requestText(this.method, this.url)}: OpenProject linked another page after ${this.pagesRead} page(s), though by its ` +
      `own answer (total ${this.total}, ${this.pageSize} per page) for the ${this.asked} work package(s) asked ` +
      "there can be no more; op-reconcile stopped reading. The server, or a proxy in front of it, is not paging " +
      "the way OpenProject does: tell the OpenProject administrator."
    )
  }
}

/** The client's configuration is unusable; nothing was sent. */
export class InvalidConfig extends Schema.TaggedError<InvalidConfig>()("InvalidConfig", {
  setting: Schema.String,
  problem: Schema.String,
  fix: Schema.String
}) {
  override get message(): string {
    return `${this.setting}: ${oneLine(this.problem)} ${this.fix}`
  }
}

/** Every failure of an OpenProject request. */
export type OpenProjectRequestError =
  | Unauthenticated
  | MissingPermission
  | NotFound
  | UpdateConflict
  | TransitionRefused
  | ValidationFailed
  | ContentTypeRejected
  | RateLimited
  | ServerError
  | TransportError
  | UnexpectedResponse
  | Redirected
  | ResponseTooLarge
  | EndlessPagination

export type OpenProjectError = OpenProjectRequestError | InvalidConfig

export const TOKEN_HELP = TOKEN_REMEDY
