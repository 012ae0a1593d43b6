import * as HttpRouter from "@effect/platform/HttpRouter"
import { Effect, Either, Ref } from "effect"
import { halResponse, notFound } from "../apiError.js"
import { workPackageBody } from "../hal/workPackageBody.js"
import { workPackageCollectionBody } from "../hal/workPackageCollectionBody.js"
import { wallClockMillis } from "../realTime.js"
import type { SandboxEnv } from "../SandboxEnv.js"
import { countReads } from "../state.js"
import { pageOf, parseWorkPackageQuery, selectWorkPackages } from "../workPackageQuery.js"
import { searchParams, transition, workPackageIdParam } from "./requestParts.js"

/**
 * Reads of work packages: one by id, and the collections (all projects, or one project). A read is counted
 * per work package, and a concurrent edit that falls due lands right after the read that triggered it.
 */

const collection = (env: SandboxEnv, basePath: string, endless = false) =>
  Effect.gen(function* () {
    const query = yield* Either.match(parseWorkPackageQuery(yield* searchParams), {
      onLeft: Effect.fail,
      onRight: Effect.succeed
    })
    const now = yield* wallClockMillis
    const body = yield* Ref.modify(env.state, (state) => {
      const selected = selectWorkPackages(state.workPackages.values(), query, env.world)
      const asked = pageOf(selected, query)
      // a server that never stops paging fills the pages past the end with the first one
      const page = endless && asked.length === 0 ? pageOf(selected, { ...query, offset: 1 }) : asked
      const rendered = workPackageCollectionBody(basePath, query, selected.length, page, env.world, endless)
      const read = countReads(
        state,
        page.map((wp) => wp.id),
        env.world,
        now
      )
      return [rendered, read] as const
    })
    return halResponse(body)
  })

/** `GET /api/v3/work_packages` as a server that links a next page forever (the `endlessPages` fault). */
export const endlessCollection = (env: SandboxEnv) => collection(env, "/api/v3/work_packages", true)

export const workPackageReadRoutes = (env: SandboxEnv) =>
  HttpRouter.empty.pipe(
    HttpRouter.get("/api/v3/work_packages", collection(env, "/api/v3/work_packages")),
    HttpRouter.get(
      "/api/v3/projects/:project/work_packages",
      Effect.flatMap(HttpRouter.params, (params) => {
        const project = params.project ?? ""
        const { id, identifier } = env.world.project
        return project === String(id) || project === identifier
          ? collection(env, `/api/v3/projects/${project}/work_packages`)
          : Effect.fail(notFound("project"))
      })
    ),
    HttpRouter.get(
      "/api/v3/work_packages/:id",
      Effect.gen(function* () {
        const id = yield* workPackageIdParam
        const now = yield* wallClockMillis
        const body = yield* transition(env, (state) => {
          const wp = state.workPackages.get(id)
          if (wp === undefined) return [Either.left(notFound("work package")), state] as const
          return [Either.right(workPackageBody(wp, env.world)), countReads(state, [id], env.world, now)] as const
        })
        return halResponse(body)
      })
    )
  )
