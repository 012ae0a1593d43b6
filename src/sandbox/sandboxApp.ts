import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as HttpServerResponse from "@effect/platform/HttpServerResponse"
import { Chunk, Effect, Either, Ref, Stream } from "effect"
import { ActingUser } from "./ActingUser.js"
import { errorResponse, missingPermission, notFound } from "./apiError.js"
import { checkAuth } from "./auth.js"
import { checkContentType } from "./contentType.js"
import { cutConnection } from "./cutConnection.js"
import { faultResponse } from "./faultResponse.js"
import { type FaultBook, pickFault } from "./faults.js"
import { countRequest, emptyThrottleBook, isThrottled, throttledResponse } from "./formThrottle.js"
import { realSleep, wallClockMillis } from "./realTime.js"
import type { RequestLog } from "./requestLog.js"
import { rootRoutes } from "./routes/rootRoutes.js"
import { statusRoutes } from "./routes/statusRoutes.js"
import { endlessCollection, workPackageReadRoutes } from "./routes/workPackageReadRoutes.js"
import { workPackageWriteRoutes } from "./routes/workPackageWriteRoutes.js"
import type { FormRateLimit } from "./SandboxConfig.js"
import type { SandboxEnv } from "./SandboxEnv.js"

/**
 * The request pipeline: latency, then the scripted fault (a proxy or a crash answers before OpenProject
 * does), then OpenProject's optional rate limit on the form (Rack::Attack, in front of the API), then authentication, the Content-Type check, and the API routes. Every request is logged with the
 * status it got, 0 when the connection was cut.
 */

export interface SandboxAppOptions {
  readonly env: SandboxEnv
  readonly bearer: boolean
  readonly latencyMs: number
  readonly faults: Ref.Ref<FaultBook>
  readonly log: RequestLog
  readonly startedAt: string
  readonly formRateLimit?: FormRateLimit | undefined
}

const CHUNK = new Uint8Array(64 * 1024).fill(0x20)

/** `bytes` of blanks, streamed in 64 KiB chunks, so a huge answer costs the sandbox no memory. */
const hugeBody = (bytes: number, announce: boolean) => {
  const chunks = Math.ceil(bytes / CHUNK.byteLength)
  const stream = Stream.range(1, chunks).pipe(
    Stream.mapChunks((indexes) =>
      Chunk.map(indexes, (i) => (i < chunks ? CHUNK : CHUNK.subarray(0, bytes - (chunks - 1) * CHUNK.byteLength)))
    )
  )
  return HttpServerResponse.stream(stream, {
    status: 200,
    contentType: "application/hal+json",
    ...(announce ? { contentLength: bytes } : {})
  })
}

export const makeSandboxApp = (options: SandboxAppOptions) =>
  Effect.gen(function* () {
    const { env, log } = options
    const router = HttpRouter.concatAll(
      rootRoutes(env, options.startedAt),
      statusRoutes(env),
      workPackageReadRoutes(env),
      workPackageWriteRoutes(env)
    )
    const routed = yield* HttpRouter.toHttpApp(router)
    const throttle = yield* Ref.make(emptyThrottleBook)
    const rule = options.formRateLimit
    const api = routed.pipe(
      Effect.catchTags({
        ApiError: (e) => Effect.succeed(errorResponse(e)),
        RouteNotFound: () => Effect.succeed(errorResponse(notFound("resource")))
      })
    )

    const throttled = (request: HttpServerRequest.HttpServerRequest, path: string) =>
      rule === undefined || !isThrottled(request.method, path)
        ? Effect.succeed(undefined)
        : Effect.flatMap(wallClockMillis, (now) =>
            Ref.modify(throttle, (book) => countRequest(book, rule, request.headers.authorization, now)).pipe(
              Effect.map((verdict) =>
                verdict._tag === "Throttled" ? throttledResponse(rule, verdict.resetEpochSeconds) : undefined
              )
            )
          )

    const authorizeAndRoute = (request: HttpServerRequest.HttpServerRequest) => {
      const headers = request.headers
      const user = checkAuth(headers, { credentials: env.world.credentials, bearer: options.bearer })
      if (Either.isLeft(user)) return Effect.succeed(errorResponse(user.left))
      // a read-only user's role has "View work packages" only: every write is refused
      if (user.right.readOnly === true && request.method !== "GET") {
        return Effect.succeed(errorResponse(missingPermission()))
      }
      const refused = checkContentType(request.method, headers["content-type"])
      return refused !== undefined ? Effect.succeed(refused) : Effect.provideService(api, ActingUser, user.right)
    }

    const handle = (request: HttpServerRequest.HttpServerRequest) =>
      Effect.flatMap(throttled(request, new URL(request.url, "http://sandbox.invalid").pathname), (response) =>
        response === undefined ? authorizeAndRoute(request) : Effect.succeed(response)
      )

    return Effect.gen(function* () {
      const request = yield* HttpServerRequest.HttpServerRequest
      const url = new URL(request.url, "http://sandbox.invalid")
      const entry = { method: request.method, path: url.pathname, query: url.search.replace(/^\?/, "") }
      const answered = (response: HttpServerResponse.HttpServerResponse) =>
        Effect.as(log.record({ ...entry, status: response.status }), response)
      const cut = (response: HttpServerResponse.HttpServerResponse) =>
        Effect.zipRight(log.record({ ...entry, status: 0 }), Effect.as(cutConnection(request), response))

      yield* realSleep(options.latencyMs)
      const fault = yield* Ref.modify(options.faults, (book) => pickFault(book, entry.method, entry.path))
      switch (fault?.kind) {
        case "status":
          return yield* answered(faultResponse(fault, yield* wallClockMillis))
        case "reset":
          return yield* cut(errorResponse(notFound("resource")))
        case "lostWrite":
          return yield* cut(yield* handle(request))
        case "redirect":
          return yield* answered(
            HttpServerResponse.text(`Moved to ${fault.location}`, {
              status: fault.status,
              headers: { location: fault.location }
            })
          )
        case "hugeBody":
          return yield* answered(hugeBody(fault.bytes, fault.announce === true))
        case "endlessPages":
          return yield* answered(
            request.method === "GET" && entry.path === "/api/v3/work_packages"
              ? yield* endlessCollection(env).pipe(Effect.catchTag("ApiError", (e) => Effect.succeed(errorResponse(e))))
              : yield* handle(request)
          )
        case "delay":
          yield* realSleep(fault.ms)
          return yield* answered(yield* handle(request))
        default:
          return yield* answered(yield* handle(request))
      }
    })
  })
