import type * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as NodeHttpServerRequest from "@effect/platform-node/NodeHttpServerRequest"
import { Effect } from "effect"

/**
 * The one place that reaches below @effect/platform: a connection reset cannot be expressed as a response,
 * so the node socket under the request is reset (TCP RST) and destroyed. The platform then writes its
 * fallback answer into the dead socket, where it is dropped.
 */
export const cutConnection = (request: HttpServerRequest.HttpServerRequest): Effect.Effect<void> =>
  Effect.sync(() => {
    const socket = NodeHttpServerRequest.toIncomingMessage(request).socket
    if (!socket.destroyed) socket.resetAndDestroy()
  })
