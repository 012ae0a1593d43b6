import { readFileSync } from "node:fs"
import * as Http from "node:http"
import * as Https from "node:https"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { runCli, STACK_TRACE } from "./support/cli.js"

/**
 * The built CLI over https, as against a real instance: TLS verified against Node's CAs plus the file
 * NODE_EXTRA_CA_CERTS names (an organisation's own CA), and refused without it. A TLS proxy with the test
 * CA's certificate for 127.0.0.1 sits in front of the sandbox.
 */

const API_KEY = "opapi-tls-key-0b7e"
const TLS = join(import.meta.dirname, "..", "openproject", "support", "tls")

const tlsProxy = (target: string) =>
  Effect.acquireRelease(
    Effect.async<{
      readonly url: string
      readonly server: Https.Server
      readonly requests: () => number
      readonly connections: () => number
    }>((resume) => {
      let requests = 0
      let connections = 0
      const server = Https.createServer(
        { key: readFileSync(join(TLS, "server.key")), cert: readFileSync(join(TLS, "server.pem")) },
        (request, response) => {
          requests += 1
          const upstream = Http.request(
            `${target}${request.url ?? "/"}`,
            { method: request.method, headers: request.headers },
            (answer) => {
              response.writeHead(answer.statusCode ?? 502, answer.headers)
              answer.pipe(response)
            }
          )
          upstream.on("error", () => response.destroy())
          request.pipe(upstream)
        }
      )
      server.on("connection", () => {
        connections += 1
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(
          Effect.succeed({
            url: `https://127.0.0.1:${port}`,
            server,
            requests: () => requests,
            connections: () => connections
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

describe("https (built CLI)", () => {
  it.scopedLive("trusts a private CA named by NODE_EXTRA_CA_CERTS, and refuses the same server without it", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages: [{ id: 1, subject: "One", status: "New" }]
      })
      const proxy = yield* tlsProxy(sandbox.url)
      const env = { OPENPROJECT_URL: proxy.url, OPENPROJECT_API_KEY: API_KEY }

      const trusted = yield* runCli(["statuses"], { ...env, NODE_EXTRA_CA_CERTS: join(TLS, "ca.pem") })
      expect(trusted.stderr).toBe("")
      expect(trusted.code).toBe(0)
      expect(trusted.stdout).toContain("New")
      expect(proxy.requests()).toBeGreaterThan(0)

      const before = { requests: proxy.requests(), connections: proxy.connections() }
      const refused = yield* runCli(["statuses"], env)
      expect(refused.code).not.toBe(0)
      expect(refused.stderr).toContain("TLS certificate was not accepted (UNABLE_TO_VERIFY_LEAF_SIGNATURE)")
      expect(refused.stderr).toContain("NODE_EXTRA_CA_CERTS")
      expect(refused.stderr).not.toMatch(STACK_TRACE)
      expect(refused.stderr).not.toContain(API_KEY)
      // the handshake failed, and was not tried again: one connection, not one request reached the server
      expect(proxy.requests()).toBe(before.requests)
      expect(proxy.connections()).toBe(before.connections + 1)
    })
  )
})
