import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { Effect } from "effect"

export interface StubAnswer {
  readonly status: number
  readonly body: string
  readonly contentType?: string
  /** Answer after this many milliseconds of real time (the server is not under the client's TestClock). */
  readonly delayMs?: number
  /** Extra response headers, e.g. the RateLimit-* a proxy in front of OpenProject may send. */
  readonly headers?: Readonly<Record<string, string>>
}

/**
 * A minimal loopback HTTP server for shapes the sandbox does not produce (small pages, sub-path hrefs,
 * a 2xx that is not JSON). Closed when the scope closes. Records the request targets it served.
 */
export const startStubServer = (answer: (target: string, request: IncomingMessage) => StubAnswer) =>
  Effect.gen(function* () {
    const targets: Array<string> = []
    let inFlight = 0
    let peakInFlight = 0
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const target = request.url ?? "/"
      targets.push(target)
      inFlight += 1
      peakInFlight = Math.max(peakInFlight, inFlight)
      const { status, body, contentType, delayMs, headers } = answer(target, request)
      setTimeout(() => {
        inFlight -= 1
        response.writeHead(status, {
          ...headers,
          "content-type": contentType ?? "application/hal+json; charset=utf-8"
        })
        response.end(body)
      }, delayMs ?? 0)
    })
    const port = yield* Effect.acquireRelease(
      Effect.async<number>((resume) => {
        server.listen(0, "127.0.0.1", () => {
          const address = server.address()
          resume(Effect.succeed(typeof address === "object" && address !== null ? address.port : 0))
        })
      }),
      () =>
        Effect.async<void>((resume) => {
          // undici keeps connections alive; close() alone would wait for them
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    return { url: `http://127.0.0.1:${port}`, targets: () => [...targets], peakInFlight: () => peakInFlight }
  })
