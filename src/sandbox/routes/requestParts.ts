import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import { Effect, type Either, Ref, Schema } from "effect"
import { type ApiError, invalidRequestBody, notFound } from "../apiError.js"
import type { SandboxEnv } from "../SandboxEnv.js"
import type { SandboxState, WorkPackageRecord } from "../state.js"

/** Reading the parts of a request the handlers need, each failing with the error OpenProject sends. */

const JsonObject = Schema.parseJson(Schema.Record({ key: Schema.String, value: Schema.Unknown }))

/** The body as one JSON object; an empty body counts as `{}` (the form accepts it). */
export const jsonObjectBody: Effect.Effect<
  Readonly<Record<string, unknown>>,
  ApiError,
  HttpServerRequest.HttpServerRequest
> = Effect.gen(function* () {
  const request = yield* HttpServerRequest.HttpServerRequest
  const text = yield* Effect.mapError(request.text, () => invalidRequestBody())
  if (text.trim() === "") return {}
  return yield* Effect.mapError(Schema.decodeUnknown(JsonObject)(text), () => invalidRequestBody())
})

/** Decode the body object with a schema; a body of the wrong shape is refused with `onMismatch`. */
export const decodeBody = <A, I>(schema: Schema.Schema<A, I>, onMismatch: () => ApiError) =>
  Effect.flatMap(jsonObjectBody, (body) => Effect.mapError(Schema.decodeUnknown(schema)(body), onMismatch))

/** The `:id` path parameter as a work package id; anything else cannot name a work package. */
export const workPackageIdParam: Effect.Effect<number, ApiError, HttpRouter.RouteContext> = Effect.flatMap(
  HttpRouter.params,
  (params) => {
    const raw = params.id ?? ""
    return /^\d+$/.test(raw) ? Effect.succeed(Number(raw)) : Effect.fail(notFound("work package"))
  }
)

/** The work package the path names, without counting a read (for the checks that precede a write). */
export const existingWorkPackage = (env: SandboxEnv, id: number): Effect.Effect<WorkPackageRecord, ApiError> =>
  Effect.flatMap(Ref.get(env.state), (state) => {
    const wp = state.workPackages.get(id)
    return wp === undefined ? Effect.fail(notFound("work package")) : Effect.succeed(wp)
  })

/** The request's query string as URLSearchParams. */
export const searchParams: Effect.Effect<URLSearchParams, never, HttpServerRequest.HttpServerRequest> = Effect.map(
  HttpServerRequest.HttpServerRequest,
  (request) => new URL(request.url, "http://sandbox.invalid").searchParams
)

/** OpenProject's `notify`: only the literal "false" turns notifications off. */
export const notifyParam = Effect.map(searchParams, (params) => params.get("notify") !== "false")

/** Run a pure state transition that may refuse, atomically. */
export const transition = <A>(
  env: SandboxEnv,
  f: (state: SandboxState) => readonly [Either.Either<A, ApiError>, SandboxState]
): Effect.Effect<A, ApiError> => Effect.flatten(Ref.modify(env.state, f))
