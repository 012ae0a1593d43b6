import * as Http from "node:http"
import type * as Https from "node:https"
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Either, Layer } from "effect"
import { acceptEncoding, decodedBody, decodersFor } from "./NodeHttpTransport/contentEncoding.js"
import { NodeHttpResponse } from "./NodeHttpTransport/response.js"

/**
 * The OpenProject client's transport: node:http and node:https under the platform's HttpClient. A request
 * costs a fraction of the CPU of Node's fetch (no WHATWG streams, no undici dispatcher to load), and the
 * CLI's run is made of requests. It keeps what fetch gave: TLS verified against Node's CAs (and
 * NODE_EXTRA_CA_CERTS, which Node reads itself), redirects never followed (node:http never does; the client
 * turns a 3xx into an error), gzip and deflate asked for and decoded, a request dropped when its fiber is
 * interrupted (the timeout, Ctrl-C), and failures as the platform's typed errors, carrying the socket's code.
 */
export interface NodeHttpTransportOptions {
  /** Connections kept open per origin: the client's concurrency bound, so no request waits for a socket. */
  readonly maxSockets: number
}

interface Agents {
  readonly http: Http.Agent
  /** Made on the first https request: loading node:https (and TLS) costs start-up a loopback run never needs. */
  readonly https: () => Https.Agent
}

/** The bytes to send, or why this transport cannot send such a body (it sends only in-memory bodies). */
const bodyBytes = (
  request: HttpClientRequest.HttpClientRequest
): Either.Either<Uint8Array | string | undefined, HttpClientError.RequestError> => {
  const body = request.body
  switch (body._tag) {
    case "Empty":
      return Either.right(undefined)
    case "Uint8Array":
      return Either.right(body.body)
    case "Raw":
      if (typeof body.body === "string" || body.body instanceof Uint8Array) return Either.right(body.body)
      break
  }
  return Either.left(
    new HttpClientError.RequestError({
      request,
      reason: "Encode",
      description: `a ${body._tag} body (this transport sends JSON and other in-memory bodies only)`
    })
  )
}

/** The headers as sent: the request's own, plus what fetch added for us (Accept-Encoding, a User-Agent). */
const headersFor = (
  request: HttpClientRequest.HttpClientRequest,
  https: boolean,
  body: Uint8Array | string | undefined
): Http.OutgoingHttpHeaders => {
  const headers: Http.OutgoingHttpHeaders = {}
  for (const name of Object.keys(request.headers)) headers[name] = request.headers[name]
  headers["accept-encoding"] ??= acceptEncoding(https)
  headers["user-agent"] ??= "op-reconcile"
  if (body === undefined) delete headers["content-length"]
  else headers["content-length"] = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength
  return headers
}

const send = (agents: Agents) =>
  HttpClient.make((request, url, signal) =>
    Effect.async<HttpClientResponse.HttpClientResponse, HttpClientError.HttpClientError>((resume) => {
      const body = bodyBytes(request)
      if (Either.isLeft(body)) return resume(Effect.fail(body.left))
      const https = url.protocol === "https:"
      const options = { method: request.method, headers: headersFor(request, https, body.right) }
      const outgoing = https
        ? process.getBuiltinModule("node:https").request(url, { ...options, agent: agents.https() })
        : Http.request(url, { ...options, agent: agents.http })
      let answered = false
      // The platform aborts the signal when the fiber is interrupted, before the answer or while its body is
      // read; the connection goes with it. Once the body was read to its end the socket is reused instead.
      const onAbort = () => outgoing.destroy(Object.assign(new Error("the request was aborted"), { code: "ABORT_ERR" }))
      const release = () => signal.removeEventListener("abort", onAbort)
      signal.addEventListener("abort", onAbort, { once: true })
      outgoing.on("error", (cause) => {
        // After the answer, a failure reaches its body's reader; before it, it is this request's.
        if (answered) return
        answered = true
        release()
        resume(Effect.fail(new HttpClientError.RequestError({ request, reason: "Transport", cause })))
      })
      outgoing.once("response", (incoming) => {
        answered = true
        const decoded = decodedBody(incoming, decodersFor(request.method, incoming))
        resume(Effect.succeed(new NodeHttpResponse(request, incoming, decoded, release)))
      })
      outgoing.end(body.right)
      return Effect.sync(() => {
        if (answered) return
        release()
        outgoing.destroy()
      })
    })
  )

/**
 * Keep-alive agents for the life of the layer (one command run): connections are reused across the run's
 * requests and closed when it ends, even those of an answer nobody read.
 */
const agents = (options: NodeHttpTransportOptions) =>
  Effect.acquireRelease(
    Effect.sync(() => {
      const settings = { keepAlive: true, maxSockets: options.maxSockets }
      let https: Https.Agent | undefined
      return {
        http: new Http.Agent(settings),
        https: () => {
          https ??= new (process.getBuiltinModule("node:https").Agent)(settings)
          return https
        },
        madeHttps: () => https
      }
    }),
    ({ http, madeHttps }) =>
      Effect.sync(() => {
        http.destroy()
        madeHttps()?.destroy()
      })
  )

export const layer = (options: NodeHttpTransportOptions): Layer.Layer<HttpClient.HttpClient> =>
  Layer.scoped(HttpClient.HttpClient, Effect.map(agents(options), send))
