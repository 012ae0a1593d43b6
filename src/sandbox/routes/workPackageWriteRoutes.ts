import * as HttpRouter from "@effect/platform/HttpRouter"
import { Effect, Either, Schema } from "effect"
import { ActingUser } from "../ActingUser.js"
import { ApiError, halResponse, invalidRequestBody } from "../apiError.js"
import { activityBody, activityCollectionBody } from "../hal/activityBody.js"
import { formBody } from "../hal/formBody.js"
import { workPackageBody } from "../hal/workPackageBody.js"
import { wallClockMillis } from "../realTime.js"
import type { SandboxEnv } from "../SandboxEnv.js"
import { addComment, statusIdOf, updateStatus } from "../workflow.js"
import { decodeBody, existingWorkPackage, notifyParam, transition, workPackageIdParam } from "./requestParts.js"

/**
 * PATCH a work package, its activities (comments) and its form. Each checks that the work package exists
 * before it reads the body, as OpenProject does (404 before 400).
 */

const StatusLink = Schema.Struct({ href: Schema.NullOr(Schema.String) })

/** The writable part of a WorkPackage the sandbox models; other keys (e.g. `comment`) are ignored. */
const WorkPackagePatch = Schema.Struct({
  lockVersion: Schema.optional(Schema.Unknown),
  _links: Schema.optional(Schema.Struct({ status: Schema.optional(StatusLink) }))
})

const CommentRequest = Schema.Struct({ comment: Schema.Struct({ raw: Schema.String }) })

const commentMissing = () => new ApiError({ status: 400, identifier: "BadRequest", message: "comment is missing." })

const patchWorkPackage = (env: SandboxEnv) =>
  Effect.gen(function* () {
    const id = yield* workPackageIdParam
    yield* existingWorkPackage(env, id)
    const patch = yield* decodeBody(WorkPackagePatch, invalidRequestBody)
    const notify = yield* notifyParam
    const now = yield* wallClockMillis
    const user = yield* ActingUser
    const wp = yield* transition(env, (state) =>
      updateStatus(state, env.world, {
        id,
        patch: { lockVersion: patch.lockVersion, statusHref: patch._links?.status?.href },
        notify,
        now,
        userId: user.id
      })
    )
    return halResponse(workPackageBody(wp, env.world))
  })

const postComment = (env: SandboxEnv) =>
  Effect.gen(function* () {
    const id = yield* workPackageIdParam
    yield* existingWorkPackage(env, id)
    const request = yield* decodeBody(CommentRequest, commentMissing)
    const notify = yield* notifyParam
    const now = yield* wallClockMillis
    const user = yield* ActingUser
    const { journal, wp } = yield* transition(env, (state) =>
      addComment(state, { id, text: request.comment.raw, notify, now, userId: user.id })
    )
    return halResponse(activityBody(journal, wp, env.world, user), 201)
  })

const listActivities = (env: SandboxEnv) =>
  Effect.gen(function* () {
    const wp = yield* existingWorkPackage(env, yield* workPackageIdParam)
    return halResponse(activityCollectionBody(wp, env.world, yield* ActingUser))
  })

const postForm = (env: SandboxEnv) =>
  Effect.gen(function* () {
    const id = yield* workPackageIdParam
    const wp = yield* existingWorkPackage(env, id)
    const patch = yield* decodeBody(WorkPackagePatch, invalidRequestBody)
    const targetId = yield* Either.match(statusIdOf(patch._links?.status?.href), {
      onLeft: Effect.fail,
      onRight: Effect.succeed
    })
    // Always 200: the form reports problems in validationErrors instead of refusing.
    return halResponse(formBody(wp, targetId, env.world))
  })

export const workPackageWriteRoutes = (env: SandboxEnv) =>
  HttpRouter.empty.pipe(
    HttpRouter.patch("/api/v3/work_packages/:id", patchWorkPackage(env)),
    HttpRouter.get("/api/v3/work_packages/:id/activities", listActivities(env)),
    HttpRouter.post("/api/v3/work_packages/:id/activities", postComment(env)),
    HttpRouter.post("/api/v3/work_packages/:id/form", postForm(env))
  )
