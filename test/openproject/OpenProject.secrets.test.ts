import { describe, expect, it } from "@effect/vitest"
import { Cause, Effect, Exit, Layer, Logger, LogLevel, Redacted } from "effect"
import { OpenProjectConfig } from "../../src/openproject/OpenProjectConfig.js"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { makeClient } from "./support/client.js"

/** Made distinctive so that any trace of it, plain or inside the Basic header, is found. */
const API_KEY = "opapi-ZZ-SECRET-7c41e0b9d2-DO-NOT-LEAK"
const WRONG_KEY = "opapi-QQ-REVOKED-5e8a31-DO-NOT-LEAK"
const traces = [API_KEY, WRONG_KEY].flatMap((key) => [
  key,
  Buffer.from(`apikey:${key}`).toString("base64"),
  Buffer.from(key).toString("base64")
])

const everythingSaidAbout = (error: unknown, exit: Exit.Exit<unknown, unknown>): ReadonlyArray<string> => [
  String(error),
  JSON.stringify(error),
  error instanceof Error ? `${error.message}\n${error.stack ?? ""}` : "",
  Exit.isFailure(exit) ? Cause.pretty(exit.cause) : ""
]

describe("the API key never leaves its Redacted wrapper but in the Authorization header", () => {
  it.scoped("no error, rendering of an error, or debug log line contains it", () => {
    const lines: Array<string> = []
    const capture = Logger.make((options) => {
      lines.push(Logger.logfmtLogger.log(options))
    })
    return Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages: [{ id: 1, subject: "First", status: "New" }],
        forbiddenTransitions: [{ from: "New", to: "Closed" }],
        faults: [
          { path: "^/api/v3/work_packages/1/form$", fault: { kind: "status", status: 403 } },
          { path: "^/api/v3/statuses$", fault: { kind: "status", status: 429, retryAfterSeconds: 1 } },
          { path: "^/api/v3/work_packages/1/activities$", method: "GET", fault: { kind: "status", status: 500 } },
          { path: "^/api/v3/work_packages/1/activities$", method: "POST", fault: { kind: "lostWrite" } },
          { path: "^/api/v3/users/me$", fault: { kind: "status", status: 418 } }
        ]
      })
      const op = yield* makeClient(sandbox.url, API_KEY, { maxRetries: 0 })
      const stranger = yield* makeClient(sandbox.url, WRONG_KEY, { maxRetries: 0 })
      const wp = yield* op.workPackage(1)

      const failures = [
        stranger.workPackage(1), // 401
        op.allowedStatuses(1), // 403
        op.workPackage(404), // 404
        op.setStatus({ id: 1, lockVersion: wp.lockVersion + 7, statusHref: "/api/v3/statuses/4" }), // 409
        op.setStatus({ id: 1, lockVersion: wp.lockVersion, statusHref: "/api/v3/statuses/6" }), // 422 workflow
        op.setStatus({ id: 1, lockVersion: wp.lockVersion, statusHref: "/api/v3/users/1" }), // 422 other
        op.comments(1), // 500
        op.addComment({ id: 1, text: "x" }), // lost answer
        op.me(), // unexpected status
        // last: its Retry-After holds every later request of this client for a second of the test clock
        op.statuses() // 429
      ]
      const seenTags = new Set<string>()
      for (const failing of failures) {
        const exit = yield* Effect.exit(failing)
        expect(Exit.isFailure(exit)).toBe(true)
        const error = yield* Effect.flip(Effect.suspend(() => exit))
        seenTags.add(error._tag)
        for (const text of everythingSaidAbout(error, exit)) {
          for (const trace of traces) expect(text).not.toContain(trace)
        }
      }
      expect(seenTags.size).toBe(10)

      const configExit = yield* Effect.exit(
        Layer.build(OpenProjectConfig.layer({ url: "http://example.com", apiKey: Redacted.make(API_KEY) }))
      )
      expect(Exit.isFailure(configExit)).toBe(true)
      expect(Exit.isFailure(configExit) ? Cause.pretty(configExit.cause) : API_KEY).not.toContain(API_KEY)

      // every request was logged at debug level, with method, path and status, and nothing else of it
      const requestLines = lines.filter((l) => l.includes("OpenProject request"))
      expect(requestLines.length).toBeGreaterThanOrEqual(failures.length)
      const fields = [
        /\bmethod=GET\b/,
        /\bpath=\/api\/v3\/work_packages\/1(\s|$)/,
        /\bstatus=200\b/,
        /\bdurationMs=\d+/
      ]
      expect(requestLines.some((l) => fields.every((f) => f.test(l)))).toBe(true)
      expect(lines.join("\n").toLowerCase()).not.toContain("authorization")
      for (const trace of traces) expect(lines.join("\n")).not.toContain(trace)
    }).pipe(Effect.provide(Logger.replace(Logger.defaultLogger, capture)), Logger.withMinimumLogLevel(LogLevel.Debug))
  })
})
