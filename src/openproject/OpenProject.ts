import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import { Clock, Duration, Effect, Either, LogLevel, Redacted } from "effect"
import type { ObservedWorkPackage } from "../domain/observed.js"
import { makeLimiter } from "../limiter/Limiter.js"
import { pacingSettings } from "../limiter/pacing.js"
import { Progress } from "../progress/Progress.js"
import { EndlessPagination, type OpenProjectRequestError, ResponseTooLarge, UnexpectedResponse } from "./errors.js"
import {
  ActivityCollection,
  HalActivity,
  HalUser,
  type HalWorkPackage,
  HalWorkPackage as HalWorkPackageSchema,
  StatusCollection,
  WorkPackageCollection,
  WorkPackageForm
} from "./Hal.js"
import { classifyFailure, decodeSuccess, type ReceivedResponse } from "./OpenProject/classifyResponse.js"
import {
  toActivities,
  toAllowedStatuses,
  toCommentTexts,
  toCurrentUser,
  toObservedWorkPackage,
  toStatus,
  toTransitionCheck,
  toUserName
} from "./OpenProject/fromHal.js"
import { limiterFeedback } from "./OpenProject/limiterFeedback.js"
import { maxPages } from "./OpenProject/pageBounds.js"
import { MAX_RESPONSE_BYTES, readBodyCapped } from "./OpenProject/readBody.js"
import { isRedirect, redirected, withoutRedirects } from "./OpenProject/redirects.js"
import { commentBody, emptyFormBody, setStatusBody } from "./OpenProject/requestBodies.js"
import { makeRequestDeadlines } from "./OpenProject/requestDeadlines.js"
import {
  type HttpMethod,
  LONGEST_SERVER_WAIT,
  retryFrom,
  retryReason,
  retrySchedule
} from "./OpenProject/retryPolicy.js"
import { timedOut, transportFailure } from "./OpenProject/transportFailure.js"
import { chunkIds, collectionTarget } from "./OpenProject/workPackageQuery.js"
import { OpenProjectConfig, type OpenProjectSettings } from "./OpenProjectConfig.js"

export interface SetStatusRequest {
  readonly id: number
  /** The lockVersion last read; a stale one gives UpdateConflict instead of overwriting someone's edit. */
  readonly lockVersion: number
  /** A status href exactly as OpenProject gave it (Status.href). */
  readonly statusHref: string
  /** Send OpenProject's notifications (e-mail, in-app) for this change; default false. */
  readonly notify?: boolean | undefined
}

export interface AddCommentRequest {
  readonly id: number
  /** Markdown, as OpenProject stores comments. */
  readonly text: string
  readonly notify?: boolean | undefined
}

export interface CheckTransitionRequest {
  readonly id: number
  readonly lockVersion: number
  /** The status href to check, as OpenProject gave it. */
  readonly statusHref: string
}

/** How a 2xx answer becomes a value: a decoder built once per schema (decodeSuccess), never per answer. */
type Decoder<A> = (response: ReceivedResponse) => Either.Either<A, UnexpectedResponse>

interface Call<A> {
  readonly method: HttpMethod
  /** An absolute URL on the configured instance. */
  readonly url: string
  readonly body?: unknown
  readonly decode: Decoder<A>
}

/** A body the server echoes back could hold the key; errors carry bodies, so they are scrubbed first. */
const makeScrubber = (apiKey: Redacted.Redacted<string>) => {
  const key = Redacted.value(apiKey)
  const secrets = [key, Buffer.from(`apikey:${key}`).toString("base64")]
  return (text: string): string => secrets.reduce((scrubbed, secret) => scrubbed.split(secret).join("[redacted]"), text)
}

const notifyParam = (notify: boolean | undefined) => `notify=${notify === true ? "true" : "false"}`

const makeOpenProject = Effect.gen(function* () {
  const settings: OpenProjectSettings = yield* OpenProjectConfig
  // No span per request and no trace headers: nothing here exports traces, and building each request's span
  // (its attributes, the redacted headers) cost more than the rest of the client's own work on a small answer.
  const client = (yield* HttpClient.HttpClient).pipe(
    HttpClient.withTracerDisabledWhen(() => true),
    HttpClient.withTracerPropagation(false)
  )
  const limiter = yield* makeLimiter(
    pacingSettings(settings.requestsPerSecond, settings.burst, Duration.toMillis(LONGEST_SERVER_WAIT))
  )
  const permits = yield* Effect.makeSemaphore(settings.concurrency)
  const deadlines = yield* makeRequestDeadlines(settings.timeout)
  const root = new URL(settings.baseUrl)
  const pathPrefix = root.pathname.replace(/\/+$/, "")
  const scrub = makeScrubber(settings.apiKey)
  const maxResponseBytes = settings.maxResponseBytes ?? MAX_RESPONSE_BYTES
  // The key leaves its Redacted wrapper only here, inside the header the platform builds.
  const authorize =
    settings.auth === "basic"
      ? HttpClientRequest.basicAuth("apikey", settings.apiKey)
      : HttpClientRequest.bearerToken(settings.apiKey)

  const decode = {
    statuses: decodeSuccess(StatusCollection, scrub),
    collection: decodeSuccess(WorkPackageCollection, scrub),
    workPackage: decodeSuccess(HalWorkPackageSchema, scrub),
    activity: decodeSuccess(HalActivity, scrub),
    activities: decodeSuccess(ActivityCollection, scrub),
    user: decodeSuccess(HalUser, scrub),
    form: decodeSuccess(WorkPackageForm, scrub)
  } as const

  /** A request's path without its query, for what the user reads (a collection query is long and encoded). */
  const pathOf = (url: string) => url.slice(root.origin.length).replace(/\?.*$/, "")
  const api = (path: string) => `${root.origin}${pathPrefix}/api/v3${path}`

  /** Hrefs are reused as received (they carry a sub-path if OpenProject has one), but only on this instance. */
  const resolveHref = (href: string, from: string): Either.Either<string, UnexpectedResponse> => {
    const resolved = URL.canParse(href, root.origin) ? new URL(href, root.origin) : undefined
    return resolved?.origin === root.origin
      ? Either.right(resolved.toString())
      : Either.left(
          new UnexpectedResponse({
            method: "GET",
            url: from,
            status: 200,
            excerpt: href.slice(0, 200),
            problem: "a link that leads away from the configured instance"
          })
        )
  }

  const buildRequest = <A>(call: Call<A>) => {
    const base = HttpClientRequest.make(call.method)(call.url).pipe(
      authorize,
      HttpClientRequest.setHeader("accept", "application/hal+json, application/json")
    )
    return call.body === undefined ? base : HttpClientRequest.bodyUnsafeJson(base, call.body)
  }

  /** One attempt: a concurrency permit, a slot from the polite limiter, then the exchange under a timeout. */
  const attempt = <A>(call: Call<A>): Effect.Effect<A, OpenProjectRequestError> => {
    const { method, url } = call
    const path = url.slice(root.origin.length)
    const exchange = Effect.gen(function* () {
      const started = yield* Clock.currentTimeMillis
      const response = yield* client.execute(buildRequest(call)).pipe(
        withoutRedirects,
        Effect.mapError((error) => transportFailure(method, url, error))
      )
      if (isRedirect(response.status)) return yield* redirected(method, url, response.status, response.headers)
      const read = yield* readBodyCapped(response, maxResponseBytes).pipe(
        Effect.mapError((error) => transportFailure(method, url, error))
      )
      if (Either.isLeft(read)) {
        return yield* new ResponseTooLarge({
          method,
          url,
          status: response.status,
          limitBytes: maxResponseBytes,
          ...(read.left.declaredBytes === undefined ? {} : { declaredBytes: read.left.declaredBytes })
        })
      }
      const body = read.right
      const finished = yield* Clock.currentTimeMillis
      yield* limiter.report(limiterFeedback(response.status, response.headers, finished))
      yield* Effect.whenLogLevel(
        Effect.logDebug("OpenProject request").pipe(
          Effect.annotateLogs({ method, path, status: response.status, durationMs: finished - started })
        ),
        LogLevel.Debug
      )
      const received: ReceivedResponse = { method, url, status: response.status, headers: response.headers, body }
      if (response.status >= 200 && response.status < 300) {
        return yield* call.decode(received)
      }
      return yield* Effect.fail(classifyFailure(received, finished, scrub))
    })
    return exchange.pipe(
      (request) => deadlines.within(request, () => timedOut(method, url, Duration.toSeconds(settings.timeout))),
      Effect.tapErrorTag("TransportError", (error) =>
        Effect.whenLogLevel(
          Effect.logDebug("OpenProject request").pipe(
            Effect.annotateLogs({ method, path, status: "no answer", reason: error.reason })
          ),
          LogLevel.Debug
        )
      ),
      (timed) => Effect.zipRight(limiter.take, timed),
      permits.withPermits(1)
    )
  }

  /**
   * Retries live here, so no caller ever retries by hand; each one is reported while it waits. The schedule
   * starts only after a failed attempt (retryFrom): most requests succeed at once.
   */
  const send = <A>(call: Call<A>): Effect.Effect<A, OpenProjectRequestError> =>
    Effect.catchAll(attempt(call), (failed) =>
      Effect.flatMap(Progress, (progress) =>
        retryFrom(
          failed,
          attempt(call),
          retrySchedule({
            method: call.method,
            retryBase: settings.retryBase,
            maxRetries: settings.maxRetries,
            onRetry: (error, delay, retry) =>
              progress.retryWaiting({
                method: call.method,
                path: pathOf(call.url),
                reason: retryReason(error),
                delay,
                attempt: retry + 1,
                attempts: settings.maxRetries + 1
              })
          })
        )
      )
    )

  /**
   * Every page of one collection query for `asked` ids, following nextByOffset until the server stops linking
   * one or every asked work package was seen. The pages are bounded by the server's first answer (see
   * pageBounds.ts): a link beyond them is an error, not one more request.
   */
  const readAllPages = (firstUrl: string, asked: ReadonlySet<number>) =>
    Effect.gen(function* () {
      const elements: Array<HalWorkPackage> = []
      const seen = new Set<number>()
      const visited = new Set<string>()
      let limit: { readonly pages: number; readonly total: number; readonly pageSize: number } | undefined
      let next: string | undefined = firstUrl
      while (next !== undefined) {
        const url: string = next
        visited.add(url)
        const page = yield* send({ method: "GET", url, decode: decode.collection })
        const count = page._embedded.elements.length
        if (limit === undefined) {
          // the page size actually served, when the server says there is more than this page
          const pageSize =
            page._links.nextByOffset !== undefined && count > 0 ? Math.min(page.pageSize, count) : page.pageSize
          limit = { pages: maxPages({ asked: asked.size, total: page.total, pageSize }), total: page.total, pageSize }
        }
        elements.push(...page._embedded.elements)
        for (const wp of page._embedded.elements) if (asked.has(wp.id)) seen.add(wp.id)
        const href = page._links.nextByOffset?.href
        // An empty page, a link back to a page already read, or every asked work package seen ends the walk.
        next = href === undefined || count === 0 || seen.size === asked.size ? undefined : yield* resolveHref(href, url)
        if (next !== undefined && visited.has(next)) next = undefined
        if (next !== undefined && visited.size >= limit.pages) {
          return yield* new EndlessPagination({
            method: "GET",
            url: firstUrl,
            pagesRead: visited.size,
            asked: asked.size,
            total: limit.total,
            pageSize: limit.pageSize
          })
        }
      }
      return elements
    })

  const statuses = () =>
    Effect.gen(function* () {
      const collection = yield* send({ method: "GET", url: api("/statuses"), decode: decode.statuses })
      return collection._embedded.elements.map(toStatus)
    })

  const observe = (ids: Iterable<number>) =>
    Effect.gen(function* () {
      const wanted = Array.from(new Set(ids)).sort((a, b) => a - b)
      const chunks = chunkIds(pathPrefix, wanted)
      const pages = yield* Effect.forEach(
        chunks,
        (chunk) => readAllPages(`${root.origin}${collectionTarget(pathPrefix, chunk)}`, new Set(chunk)),
        {
          concurrency: settings.concurrency
        }
      )
      const asked = new Set(wanted)
      const observed: ReadonlyMap<number, ObservedWorkPackage> = new Map(
        pages
          .flat()
          .filter((wp) => asked.has(wp.id))
          .map((wp) => [wp.id, toObservedWorkPackage(wp)] as const)
      )
      return observed
    })

  const workPackage = (id: number) =>
    Effect.gen(function* () {
      const wp = yield* send({ method: "GET", url: api(`/work_packages/${id}`), decode: decode.workPackage })
      return toObservedWorkPackage(wp)
    })

  const setStatus = (request: SetStatusRequest) =>
    Effect.gen(function* () {
      const wp = yield* send({
        method: "PATCH",
        url: api(`/work_packages/${request.id}?${notifyParam(request.notify)}`),
        body: setStatusBody(request.lockVersion, request.statusHref),
        decode: decode.workPackage
      })
      return toObservedWorkPackage(wp)
    })

  const addComment = (request: AddCommentRequest) =>
    Effect.gen(function* () {
      yield* send({
        method: "POST",
        url: api(`/work_packages/${request.id}/activities?${notifyParam(request.notify)}`),
        body: commentBody(request.text),
        decode: decode.activity
      })
    })

  /** The whole history of a work package in one request: OpenProject does not paginate activities. */
  const activityCollection = (id: number) =>
    send({ method: "GET", url: api(`/work_packages/${id}/activities`), decode: decode.activities })

  const comments = (id: number) => Effect.map(activityCollection(id), toCommentTexts)

  const activities = (id: number) => Effect.map(activityCollection(id), toActivities)

  /** A user's name as OpenProject shows it (activities may name their user by href only). */
  const user = (id: number) =>
    Effect.gen(function* () {
      const found = yield* send({ method: "GET", url: api(`/users/${id}`), decode: decode.user })
      return toUserName(found)
    })

  const allowedStatuses = (id: number) =>
    Effect.gen(function* () {
      const form = yield* send({
        method: "POST",
        url: api(`/work_packages/${id}/form`),
        body: emptyFormBody,
        decode: decode.form
      })
      return toAllowedStatuses(form)
    })

  /**
   * Asks the form whether this status change would be accepted, writing nothing. It goes through the same
   * limiter, permits and retries as every request: OpenProject's only API rate limit is on this endpoint,
   * and its 429 carries RateLimit-Reset (no Retry-After), which the retry honours.
   */
  const checkTransition = (request: CheckTransitionRequest) =>
    Effect.gen(function* () {
      const form = yield* send({
        method: "POST",
        url: api(`/work_packages/${request.id}/form`),
        body: setStatusBody(request.lockVersion, request.statusHref),
        decode: decode.form
      })
      return toTransitionCheck(form)
    })

  const me = () =>
    Effect.gen(function* () {
      const user = yield* send({ method: "GET", url: api("/users/me"), decode: decode.user })
      return toCurrentUser(user)
    })

  return {
    statuses,
    observe,
    workPackage,
    setStatus,
    addComment,
    comments,
    activities,
    user,
    allowedStatuses,
    checkTransition,
    me
  } as const
})

/**
 * OpenProject API v3, as op-reconcile uses it. Needs an HttpClient (undici in production, any in tests)
 * and an OpenProjectConfig; retries, rate limiting, the concurrency bound and timeouts are built in.
 */
export class OpenProject extends Effect.Service<OpenProject>()("op-reconcile/OpenProject", {
  scoped: makeOpenProject
}) {}
