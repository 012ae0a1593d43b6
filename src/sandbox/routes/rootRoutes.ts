import { HttpRouter } from "@effect/platform"
import { Effect } from "effect"
import { halResponse } from "../apiError.js"
import { rootBody } from "../hal/rootBody.js"
import { userBody } from "../hal/userBody.js"
import type { SandboxEnv } from "../SandboxEnv.js"

/** `GET /api/v3` and `GET /api/v3/users/me`: the cheap credential checks (README §10). */
export const rootRoutes = (env: SandboxEnv, startedAt: string) =>
  HttpRouter.empty.pipe(
    HttpRouter.get(
      "/api/v3",
      Effect.sync(() => halResponse(rootBody(env.world)))
    ),
    HttpRouter.get(
      "/api/v3/users/me",
      Effect.sync(() => halResponse(userBody(env.world.me, startedAt)))
    )
  )
