import { readFileSync } from "node:fs"
import * as Http from "node:http"
import * as Https from "node:https"
import type { Socket } from "node:net"
import { join } from "node:path"
import { deflateSync, gzipSync } from "node:zlib"
import * as HttpClient from "@effect/platform/HttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import * as NodeHttpTransport from "../../src/openproject/NodeHttpTransport.js"
import { awaitCondition } from "../support/testClock.js"
import { makeClient } from "./support/client.js"

/**
 * The CLI's transport (node:http under the platform's HttpClient), against loopback servers that misbehave
 * on purpose: what it asks for, what it decodes, and that every way an exchange can break ends in the typed
 * error the user reads, with the connection closed rather than left hanging.
 */

const API_KEY = "opapi-transport-key-91c2"
const TLS = join(import.meta.dirname, "support", "tls")
const STATUSES = JSON.stringify({
  _type: "Collection",
  total: 1,
  count: 1,
  _embedded: {
    elements: [
      { _type: "Status", id: 1, name: "New", isClosed: false, _links: { self: { href: "/api/v3/statuses/1" } } }
    ]
  }
})

interface Served {
  readonly url: string
  /** Request headers in arrival order. */
  readonly requests: ReadonlyArray<Http.IncomingHttpHeaders>
  /** Connections opened, and those closed again. */
  readonly connections: () => number
  readonly closed: () => number
}

/** A loopback server (http, or https with the test CA's certificate) whose handler decides how to misbehave. */
const serve = (handler: (request: Http.IncomingMessage, response: Http.ServerResponse) => void, tls = false) =>
  Effect.acquireRelease(
    Effect.async<Served & { readonly server: Http.Server }>((resume) => {
      const requests: Array<Http.IncomingHttpHeaders> = []
      let connections = 0
      let closed = 0
      const onRequest = (request: Http.IncomingMessage, response: Http.ServerResponse) => {
        requests.push(request.headers)
        handler(request, response)
      }
      const server = tls
        ? Https.createServer(
            { key: readFileSync(join(TLS, "server.key")), cert: readFileSync(join(TLS, "server.pem")) },
            onRequest
          )
        : Http.createServer(onRequest)
      const onConnection = (socket: Socket) => {
        connections += 1
        socket.once("close", () => {
          closed += 1
        })
      }
      server.on(tls ? "secureConnection" : "connection", onConnection)
      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(
          Effect.succeed({
            url: `${tls ? "https" : "http"}://127.0.0.1:${port}`,
            requests,
            connections: () => connections,
            closed: () => closed,
            server
          })
        )
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const transport = NodeHttpTransport.layer({ maxSockets: 4 })

/** Reads `url`'s body as text through the transport alone. */
const getText = (url: string) =>
  Effect.flatMap(HttpClient.HttpClient, (client) => Effect.flatMap(client.get(url), (response) => response.text))

describe("the node:http transport", () => {
  it.scoped("asks for gzip and deflate as fetch did, decodes each, and keeps one connection for the run", () =>
    Effect.gen(function* () {
      const text = "the same words, ".repeat(200)
      const server = yield* serve((request, response) => {
        if (request.url === "/gzip") {
          response.writeHead(200, { "content-encoding": "gzip" }).end(gzipSync(text))
        } else if (request.url === "/deflate") {
          // HTTP's "deflate" is the zlib format (RFC 9110), which deflateSync writes
          response.writeHead(200, { "content-encoding": "deflate" }).end(deflateSync(text))
        } else {
          response.writeHead(200, { "content-type": "text/plain" }).end(text)
        }
      })
      const read = yield* Effect.forEach(["/gzip", "/deflate", "/plain"], (path) =>
        getText(`${server.url}${path}`)
      ).pipe(Effect.provide(transport))
      expect(read).toEqual([text, text, text])
      expect(server.requests.map((headers) => headers["accept-encoding"])).toEqual([
        "gzip, deflate",
        "gzip, deflate",
        "gzip, deflate"
      ])
      expect(server.requests[0]?.["user-agent"]).toBe("op-reconcile")
      // keep-alive: the three requests went over one connection
      expect(server.connections()).toBe(1)
    })
  )

  it.scoped("a connection reset before the answer is a TransportError that names ECONNRESET", () =>
    Effect.gen(function* () {
      const server = yield* serve((request) => request.socket.destroy())
      const op = yield* makeClient(server.url, API_KEY, { maxRetries: 0 }, transport)
      const error = yield* Effect.flip(op.statuses())
      expect(error).toMatchObject({ _tag: "TransportError", requestSent: true })
      expect(error.message).toContain("(ECONNRESET)")
      expect(error.message).not.toContain(API_KEY)
    })
  )

  it.scoped("a body cut off before its Content-Length is a TransportError, not a short answer", () =>
    Effect.gen(function* () {
      const server = yield* serve((_request, response) => {
        response.writeHead(200, { "content-type": "application/hal+json", "content-length": String(STATUSES.length) })
        // closed once the head and the first bytes are on the wire (a destroy before would discard them)
        response.write(STATUSES.slice(0, 40), () => response.socket?.destroy())
      })
      const op = yield* makeClient(server.url, API_KEY, { maxRetries: 0 }, transport)
      const error = yield* Effect.flip(op.statuses())
      expect(error).toMatchObject({ _tag: "TransportError", requestSent: true })
      expect(error.message).toContain("the answer was cut off while reading its body")
    })
  )

  it.scoped("a gzip body that decodes to more than the cap is refused, however small it was on the wire", () =>
    Effect.gen(function* () {
      const bomb = gzipSync(Buffer.alloc(4 * 1024 * 1024, 0x20))
      const server = yield* serve((_request, response) => {
        response
          .writeHead(200, {
            "content-type": "application/hal+json",
            "content-encoding": "gzip",
            "content-length": String(bomb.byteLength)
          })
          .end(bomb)
      })
      const op = yield* makeClient(server.url, API_KEY, { maxRetries: 0, maxResponseBytes: 1024 * 1024 }, transport)
      const error = yield* Effect.flip(op.statuses())
      expect(bomb.byteLength).toBeLessThan(1024 * 1024)
      expect(error).toMatchObject({ _tag: "ResponseTooLarge", limitBytes: 1024 * 1024 })
    })
  )

  it.scoped("an answer whose headers never come is given up at the timeout, and its connection closed", () =>
    Effect.gen(function* () {
      const server = yield* serve(() => {})
      const op = yield* makeClient(server.url, API_KEY, { maxRetries: 0, timeout: "30 seconds" }, transport)
      const call = yield* Effect.fork(Effect.flip(op.statuses()))
      yield* awaitCondition(
        Effect.sync(() => server.requests.length === 1),
        "the request to reach the server"
      )
      yield* TestClock.adjust("31 seconds")
      const error = yield* Fiber.join(call)
      expect(error).toMatchObject({ _tag: "TransportError", requestSent: true })
      expect(error.message).toContain("no answer within 30 s")
      yield* awaitCondition(
        Effect.sync(() => server.closed() === 1),
        "the client to close the connection"
      )
    })
  )

  it.scoped("an interrupted request (Ctrl-C) closes its connection", () =>
    Effect.gen(function* () {
      const server = yield* serve(() => {})
      const op = yield* makeClient(server.url, API_KEY, { maxRetries: 0 }, transport)
      const call = yield* Effect.fork(op.statuses())
      yield* awaitCondition(
        Effect.sync(() => server.requests.length === 1),
        "the request to reach the server"
      )
      yield* Fiber.interrupt(call)
      yield* awaitCondition(
        Effect.sync(() => server.closed() === 1),
        "the client to close the connection"
      )
      expect(server.connections()).toBe(1)
    })
  )

  it.scoped("https: a certificate no trusted CA signed is refused before anything is sent", () =>
    Effect.gen(function* () {
      const server = yield* serve((_request, response) => response.end(STATUSES), true)
      const op = yield* makeClient(server.url, API_KEY, { maxRetries: 0 }, transport)
      const error = yield* Effect.flip(op.statuses())
      expect(error).toMatchObject({ _tag: "TransportError", requestSent: false })
      expect(error.message).toContain("TLS certificate was not accepted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)")
      expect(error.message).toContain("NODE_EXTRA_CA_CERTS")
      expect(server.requests).toHaveLength(0)
    })
  )
})
