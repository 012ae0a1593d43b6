/**
 * The sandbox's public configuration and views (the shared contract other parts of op-reconcile code against).
 * Kept apart from `Sandbox.ts` so the server's internals can use the types without importing the server.
 */

/** One work package the sandbox starts with. `status` is a status name; `type` a type name (default "Task"). */
export interface SandboxWorkPackageSeed {
  readonly id: number
  readonly subject: string
  readonly status: string
  readonly type?: string
}

export type SandboxFault =
  /** Answer with this status and an OpenProject error body instead of handling the request. */
  | {
      readonly kind: "status"
      readonly status: number
      readonly retryAfterSeconds?: number
      /**
       * Sets `RateLimit-Reset` the way OpenProject's rate limiter does: the epoch second at which the
       * window ends, i.e. now + this many seconds (README §9). `RateLimit-Limit`/`-Remaining` come with it.
       */
      readonly rateLimitResetSeconds?: number
    }
  /** Destroy the socket without answering. */
  | { readonly kind: "reset" }
  /** Answer normally after `ms` milliseconds of real time. */
  | { readonly kind: "delay"; readonly ms: number }
  /** Apply the request, then destroy the socket: the write happened but its answer is lost. */
  | { readonly kind: "lostWrite" }
  /** Answer with a redirect to `location` instead of handling the request (a proxy, a moved instance). */
  | { readonly kind: "redirect"; readonly status: 301 | 302 | 303 | 307 | 308; readonly location: string }
  /**
   * Answer 200 with a body of `bytes` bytes, streamed, that is not JSON (a proxy gone wrong); with
   * `announce`, a Content-Length says so up front.
   */
  | { readonly kind: "hugeBody"; readonly bytes: number; readonly announce?: boolean }
  /**
   * A collection query is answered as usual, but every page links a next one (`offset + 1`), and a page past
   * the end repeats the first page's elements: a server that never stops paging.
   */
  | { readonly kind: "endlessPages" }

export interface FaultRule {
  /** e.g. "PATCH"; absent = any method. */
  readonly method?: string
  /** RegExp source matched against the URL path, e.g. "^/api/v3/work_packages/\\d+$". Absent = any path. */
  readonly path?: string
  /** 1-based indexes of the requests matching method and path that get the fault; absent = every match. */
  readonly occurrences?: ReadonlyArray<number>
  /** Alternative to `occurrences`: the share of matching requests that get the fault, drawn from `seed`. */
  readonly probability?: number
  readonly fault: SandboxFault
}

/**
 * After the Nth read of a work package (a single GET or as a collection element), "another user" edits it:
 * its lockVersion goes up by one and, if given, its status changes (a status name).
 */
export interface ConcurrentEdit {
  readonly workPackageId: number
  readonly afterReads: number
  readonly status?: string
}

export interface SandboxStatusSeed {
  readonly id: number
  readonly name: string
  readonly isClosed: boolean
}

/**
 * A transition the workflow refuses (422). Names are status names, compared case-insensitively.
 * `type` (a type name) limits the refusal to work packages of that type; absent = every type.
 */
export interface ForbiddenTransition {
  readonly from: string
  readonly to: string
  readonly type?: string
}

/**
 * Another person on the instance, with an API key of their own: requests with that key act as them
 * (their edits are journaled under their name, as when they use OpenProject's UI).
 */
export interface SandboxUserSeed {
  readonly apiKey: string
  /** The name as OpenProject shows it, e.g. "Pat Operator". */
  readonly name: string
  readonly login?: string
  /**
   * The user's role in the project only has "View work packages" (a read-only key for pull-request plans):
   * every write (PATCH, a comment, the form) is answered 403 MissingPermission, as OpenProject does.
   */
  readonly readOnly?: boolean
}

/**
 * A work package type and its workflow for the API user's roles. OpenProject's default seed gives every type a
 * full mesh over its own statuses (README §13): with `statuses` only, any move among them is allowed and a
 * status outside the list is refused. `transitions` (status name → the statuses it may move to) replaces the
 * mesh with exactly those moves, e.g. `{ "New": ["In progress"], "In progress": ["Closed"] }` forbids
 * New → Closed. A type that is not described allows every transition.
 */
export interface SandboxTypeSeed {
  readonly name: string
  readonly statuses?: ReadonlyArray<string>
  readonly transitions?: Readonly<Record<string, ReadonlyArray<string>>>
}

/**
 * OpenProject's only API rate-limit rule (`rate_limiting.api_v3`, off by default, README §9): `limit`
 * `POST …/form` requests per `periodSeconds` per Authorization header, in fixed windows; a request over the
 * limit gets 429 with `RateLimit-Limit`, `RateLimit-Remaining: 0` and `RateLimit-Reset` (epoch seconds of
 * the window's end) and no `Retry-After`.
 */
export interface FormRateLimit {
  readonly limit: number
  readonly periodSeconds: number
}

/** OpenProject's defaults for the rule when an administrator enables it. */
export const OPENPROJECT_FORM_RATE_LIMIT: FormRateLimit = { limit: 6, periodSeconds: 3 }

export interface SandboxConfig {
  readonly apiKey: string
  /** Default 127.0.0.1. */
  readonly host?: string
  /** 0 (the default) = any free port. */
  readonly port?: number
  readonly workPackages: ReadonlyArray<SandboxWorkPackageSeed>
  /** Default: the eight canonical states, ids 1..8 (Closed and Rejected are closed). */
  readonly statuses?: ReadonlyArray<SandboxStatusSeed>
  readonly forbiddenTransitions?: ReadonlyArray<ForbiddenTransition>
  /** Per-type workflows; work packages name their type with `type` (default "Task"). */
  readonly types?: ReadonlyArray<SandboxTypeSeed>
  /** Throttle `POST …/form` as OpenProject does when its api_v3 rate limit is enabled; off when absent. */
  readonly formRateLimit?: FormRateLimit
  /** Added to every answer, in real time. */
  readonly latencyMs?: number
  readonly faults?: ReadonlyArray<FaultRule>
  readonly concurrentEdits?: ReadonlyArray<ConcurrentEdit>
  /** Seeds the random share of probabilistic faults (default 1). */
  readonly seed?: number
  /** Also accept `Authorization: Bearer <key>` (recent OpenProject releases only). */
  readonly bearer?: boolean
  /** More users, each with an API key; the sandbox's own key (`apiKey`) is user 1, "Sandbox User". */
  readonly users?: ReadonlyArray<SandboxUserSeed>
  /**
   * Render `_links.user.title` in activities, as some OpenProject versions do. Default: only the href,
   * as in OpenProject's own activity examples (a client resolves names with GET /api/v3/users/{id}).
   */
  readonly activityUserTitles?: boolean
}

/** One request as the sandbox saw it. `status` is 0 when the connection was cut (reset, lost write). */
export interface RequestLogEntry {
  readonly method: string
  readonly path: string
  /** The query string without the leading "?". */
  readonly query: string
  readonly status: number
}

export interface SandboxWorkPackageView {
  readonly id: number
  readonly subject: string
  readonly status: string
  readonly statusId: number
  readonly lockVersion: number
  /** Raw texts of the comments posted on the work package, oldest first. */
  readonly comments: ReadonlyArray<string>
}

/** The `notify` query parameter of one write, as OpenProject reads it: only the literal "false" disables. */
export interface NotifyRecord {
  readonly workPackageId: number
  readonly kind: "update" | "comment"
  readonly notify: boolean
}
