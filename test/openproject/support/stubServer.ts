import { createServer, type IncomingMessage, type ServerResponse } from "node:http"
import { Effect } from "effect"

export interface StubAnswer {
  readonly status: number
  readonly body: string
  readonly contentType?: string
}

/**
 * A minimal loopback HTTP server for shapes the sandbox does not produce (small pages, sub-path hrefs,
 * a 2xx that is not JSON). Closed when the scope closes. Records the request targets it served.
 */
export const startStubServer = (answer: (target: string, request: IncomingMessage) => StubAnswer) =>
  Effect.gen(function* () {
    const targets: Array<string> = []
    const server = createServer((request: IncomingMessage, response: ServerResponse) => {
      const target = request.url ?? "/"
      targets.push(target)
      const { status, body, contentType } = answer(target, request)
      response.writeHead(status, { "content-type": contentType ?? "application/hal+json; charset=utf-8" })
      response.end(body)
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
    return { url: `http://127.0.0.1:${port}`, targets: () => [...targets] }
  })
