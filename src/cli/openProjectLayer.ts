import { Effect, Layer, Option } from "effect"
import * as NodeHttpTransport from "../openproject/NodeHttpTransport.js"
import { OpenProject } from "../openproject/OpenProject.js"
import { OpenProjectConfig } from "../openproject/OpenProjectConfig.js"
import type { ConnectionValues } from "./connectionOptions.js"

/** One keep-alive connection per request the client may have in flight (its --concurrency). */
const transport = Layer.unwrapEffect(
  Effect.map(OpenProjectConfig, (settings) => NodeHttpTransport.layer({ maxSockets: settings.concurrency }))
)

/** The OpenProject client for one command run; built only when that command runs (so --help needs no key). */
export const openProjectLayer = (values: ConnectionValues, fallbackUrl?: string) =>
  OpenProject.Default.pipe(
    // node:http, not fetch: most of an apply's CPU was fetch's per-request work (see NodeHttpTransport.ts).
    Layer.provide(transport),
    Layer.provideMerge(
      OpenProjectConfig.fromEnvWith({
        url: Option.getOrUndefined(values.url),
        fallbackUrl,
        auth: values.auth,
        requestsPerSecond: values.requestsPerSecond,
        burst: values.burst,
        concurrency: values.concurrency
      })
    )
  )
