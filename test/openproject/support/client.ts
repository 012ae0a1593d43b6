import type { HttpClient } from "@effect/platform"
import { Context, Effect, Layer, Redacted } from "effect"
import * as NodeHttpTransport from "../../../src/openproject/NodeHttpTransport.js"
import { OpenProject } from "../../../src/openproject/OpenProject.js"
import { OpenProjectConfig, type OpenProjectTuning } from "../../../src/openproject/OpenProjectConfig.js"

/** The client's layer for an instance at `url`, over real sockets (node:http, as in production). */
export const clientLayer = (
  url: string,
  apiKey: string,
  tuning: OpenProjectTuning = {},
  httpClient: Layer.Layer<HttpClient.HttpClient> = NodeHttpTransport.layer({ maxSockets: 4 })
) =>
  OpenProject.Default.pipe(
    Layer.provide(OpenProjectConfig.layer({ url, apiKey: Redacted.make(apiKey), ...tuning })),
    Layer.provide(httpClient)
  )

/**
 * A client that lives as long as the calling scope. The service must outlive the effect that builds it
 * (its rate limiter refills in a scoped fiber), hence Layer.build rather than Effect.provide.
 */
export const makeClient = (
  url: string,
  apiKey: string,
  tuning: OpenProjectTuning = {},
  httpClient: Layer.Layer<HttpClient.HttpClient> = NodeHttpTransport.layer({ maxSockets: 4 })
) =>
  Layer.build(clientLayer(url, apiKey, tuning, httpClient)).pipe(
    Effect.map((context) => Context.get(context, OpenProject)),
    Effect.orDie
  )
