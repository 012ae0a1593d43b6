import * as HttpRouter from "@effect/platform/HttpRouter"
import { Effect } from "effect"
import { halResponse, notFound } from "../apiError.js"
import { statusBody, statusCollectionBody } from "../hal/statusBody.js"
import type { SandboxEnv } from "../SandboxEnv.js"

/** `GET /api/v3/statuses` (unpaginated) and `GET /api/v3/statuses/{id}` (README §4). */
export const statusRoutes = (env: SandboxEnv) =>
  HttpRouter.empty.pipe(
    HttpRouter.get(
      "/api/v3/statuses",
      Effect.sync(() => halResponse(statusCollectionBody(env.world.statuses)))
    ),
    HttpRouter.get(
      "/api/v3/statuses/:id",
      Effect.flatMap(HttpRouter.params, (params) => {
        const status = /^\d+$/.test(params.id ?? "") ? env.world.statusById(Number(params.id)) : undefined
        return status === undefined
          ? Effect.fail(notFound("resource"))
          : Effect.succeed(halResponse(statusBody(status)))
      })
    )
  )
