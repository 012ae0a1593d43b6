import * as HttpRouter from "@effect/platform/HttpRouter"
import { Effect } from "effect"
import { ActingUser } from "../ActingUser.js"
import { halResponse, notFound } from "../apiError.js"
import { rootBody } from "../hal/rootBody.js"
import { userBody } from "../hal/userBody.js"
import type { SandboxEnv } from "../SandboxEnv.js"

/**
 * `GET /api/v3` and `GET /api/v3/users/me`: the cheap credential checks (README §10), for the user the API
 * key belongs to; `GET /api/v3/users/{id}` for anyone (`me` is an alias, as in OpenProject's `paths/user.yml`).
 */
export const rootRoutes = (env: SandboxEnv, startedAt: string) =>
  HttpRouter.empty.pipe(
    HttpRouter.get(
      "/api/v3",
      Effect.map(ActingUser, (user) => halResponse(rootBody(user)))
    ),
    HttpRouter.get(
      "/api/v3/users/:id",
      Effect.gen(function* () {
        const params = yield* HttpRouter.params
        const raw = params.id ?? ""
        const user = raw === "me" ? yield* ActingUser : /^\d+$/.test(raw) ? env.world.userById(Number(raw)) : undefined
        if (user === undefined) return yield* Effect.fail(notFound("user"))
        return halResponse(userBody(user, startedAt))
      })
    )
  )
