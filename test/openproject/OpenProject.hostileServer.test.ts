import * as Http from "node:http"
import type { HttpClient } from "@effect/platform"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { describe, expect, it } from "@effect/vitest"
import { Effect, type Layer } from "effect"
import * as NodeHttpTransport from "../../src/openproject/NodeHttpTransport.js"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { makeClient } from "./support/client.js"

/**
 * A hostile or broken server cannot drain the client: pages are bounded by what was asked and answered,
 * a body over the size cap is refused once and not read to its end, and a redirect is never followed.
 * Each against the sandbox's faults or a loopback server, with both HTTP clients: node:http (the CLI's
 * transport) and fetch (the platform's default, for anyone who embeds the client).
 */

const API_KEY = "opapi-hostile-server-key-5e1f"
const workPackages = [
  { id: 1, subject: "First", status: "New" },
  { id: 2, subject: "Second", status: "In progress" }
]
const RETRIES = 4

const clients: ReadonlyArray<readonly [string, Layer.Layer<HttpClient.HttpClient>]> = [
  ["node:http", NodeHttpTransport.layer({ maxSockets: 4 })],
  ["fetch", FetchHttpClient.layer]
]

/** A loopback server that streams `bytes` blanks as a 200, honouring backpressure, and counts what it sent. */
const streamingServer = (bytes: number, announce: boolean) =>
  Effect.acquireRelease(
    Effect.async<{
      readonly url: string
      readonly sent: () => number
      readonly requests: () => number
      server: Http.Server
    }>((resume) => {
      let sent = 0
      let requests = 0
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const server = Http.createServer((_req, res) => {
        requests += 1
        res.writeHead(200, {
          "content-type": "application/hal+json",
          ...(announce ? { "content-length": String(bytes) } : {})
        })
        const pump = () => {
          while (sent < bytes && !res.destroyed) {
            sent += chunk.length
            if (!res.write(chunk)) return void res.once("drain", pump)
          }
          if (!res.destroyed) res.end()
        }
        res.on("close", () => res.destroy())
        pump()
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, sent: () => sent, requests: () => requests, server }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

describe.each(clients)("a hostile server, with the %s client", (_name, httpClient) => {
  it.scoped("a redirect is an error that names where it pointed; the other origin is never asked", () =>
    Effect.gen(function* () {
      const elsewhere = yield* startSandbox({ apiKey: API_KEY, workPackages })
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages,
        faults: [{ fault: { kind: "redirect", status: 302, location: `${elsewhere.url}/api/v3/statuses` } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, { maxRetries: RETRIES }, httpClient)
      const error = yield* Effect.flip(op.statuses())
      expect(error).toMatchObject({ _tag: "Redirected", status: 302, location: `${elsewhere.url}/api/v3/statuses` })
      expect(error.message).toContain(`redirect (302) to ${elsewhere.url}/api/v3/statuses`)
      expect(error.message).toContain("does not follow redirects")
      expect(yield* sandbox.countRequests()).toBe(1)
      expect(yield* elsewhere.countRequests()).toBe(0)
    })
  )

  it.scoped("a relative redirect is named as the absolute URL it means, without credentials", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages,
        faults: [{ fault: { kind: "redirect", status: 301, location: "https://u:s3cret@login.example/sso?x=1" } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, {}, httpClient)
      const error = yield* Effect.flip(op.me())
      expect(error.message).toContain("to https://***@login.example/sso?x=1")
      expect(error.message).not.toContain("s3cret")
    })
  )

  it.scoped("a body over the cap is refused once, and the rest of it is never downloaded", () =>
    Effect.gen(function* () {
      const server = yield* streamingServer(700 * 1024 * 1024, false)
      const op = yield* makeClient(
        server.url,
        API_KEY,
        { maxRetries: RETRIES, maxResponseBytes: 1_048_576 },
        httpClient
      )
      const error = yield* Effect.flip(op.statuses())
      expect(error).toMatchObject({ _tag: "ResponseTooLarge", status: 200, limitBytes: 1_048_576 })
      expect(error.message).toContain("sent more than 1 MB")
      expect(error.message).toContain("stopped reading it and did not ask again")
      expect(server.requests()).toBe(1)
      // what the server could push into the socket's buffers before the client hung up, not 700 MB
      expect(server.sent()).toBeLessThan(64 * 1024 * 1024)
    })
  )

  it.scoped("a body announced over the cap is not read at all", () =>
    Effect.gen(function* () {
      const server = yield* streamingServer(700 * 1024 * 1024, true)
      const op = yield* makeClient(server.url, API_KEY, { maxRetries: RETRIES }, httpClient)
      const error = yield* Effect.flip(op.statuses())
      expect(error).toMatchObject({ _tag: "ResponseTooLarge", declaredBytes: 700 * 1024 * 1024 })
      expect(error.message).toContain("announced 700 MB, more than the 64 MB op-reconcile reads")
      expect(server.requests()).toBe(1)
      expect(server.sent()).toBeLessThan(64 * 1024 * 1024)
    })
  )

  it.scoped("the sandbox's hugeBody fault: refused at the cap, one request", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages,
        faults: [{ path: "^/api/v3/statuses$", fault: { kind: "hugeBody", bytes: 8 * 1024 * 1024 } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, { maxRetries: RETRIES, maxResponseBytes: 65_536 }, httpClient)
      const error = yield* Effect.flip(op.statuses())
      expect(error._tag).toBe("ResponseTooLarge")
      expect(yield* sandbox.countRequests()).toBe(1)
    })
  )

  it.scoped("a server that always links a next page is stopped at the pages its own total allows", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages,
        faults: [{ fault: { kind: "endlessPages" } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, { maxRetries: RETRIES }, httpClient)
      // wp#3 does not exist, so the client cannot stop for having seen every work package it asked for
      const error = yield* Effect.flip(op.observe([1, 2, 3]))
      expect(error).toMatchObject({ _tag: "EndlessPagination", pagesRead: 1, asked: 3, total: 2, pageSize: 2 })
      expect(error.message).toContain("linked another page after 1 page(s)")
      expect(yield* sandbox.countRequests()).toBe(1)
    })
  )

  it.scoped("an endless server stops being asked once every work package asked for was seen", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages,
        faults: [{ fault: { kind: "endlessPages" } }]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, {}, httpClient)
      const observed = yield* op.observe([1, 2])
      expect([...observed.keys()]).toEqual([1, 2])
      expect(yield* sandbox.countRequests()).toBe(1)
    })
  )
})
