import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Layer, Option } from "effect"
import { OpenProject } from "../openproject/OpenProject.js"
import { OpenProjectConfig } from "../openproject/OpenProjectConfig.js"
import type { ConnectionValues } from "./connectionOptions.js"

/** The OpenProject client for one command run; built only when that command runs (so --help needs no key). */
export const openProjectLayer = (values: ConnectionValues, fallbackUrl?: string) =>
  OpenProject.Default.pipe(
    Layer.provideMerge(
      OpenProjectConfig.fromEnvWith({
        url: Option.getOrUndefined(values.url),
        fallbackUrl,
        auth: values.auth,
        requestsPerSecond: values.requestsPerSecond,
        burst: values.burst,
        concurrency: values.concurrency
      })
    ),
    // Node's own fetch: no HTTP client library in the bundle.
    Layer.provide(FetchHttpClient.layer)
  )
