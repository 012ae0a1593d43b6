import { HttpClient } from "@effect/platform"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Either, Layer, Schema } from "effect"
import * as NodeHttpTransport from "../../src/openproject/NodeHttpTransport.js"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { makeClient } from "./support/client.js"
import { startPrismProxy } from "./support/prism.js"

/**
 * The client's requests checked by Prism against OpenProject's own OpenAPI spec on their way to the sandbox,
 * and the sandbox's answers checked on their way back. Prism lists what it finds in the `sl-violations` header;
 * with `--errors` a request violation is answered 422 and an answer violation replaced by a 500.
 */
const API_KEY = "opapi-prism-contract-key-2f9d"
const PRISM_STARTUP = 120_000

/**
 * Where OpenProject's spec and OpenProject itself disagree, the real API wins (../openproject-api/README.md),
 * and a faithful sandbox answers like the real API:
 * - unset dates and durations are rendered `null`; the spec types them `string` but its own WorkPackage
 *   example has `startDate: null`, `dueDate: null`;
 * - the form's `validationErrors` is an object keyed by property (README §7, examples/form_*.json);
 *   the spec types it `array`.
 */
const REAL_API_DISCREPANCIES = [
  /^Response body property (_embedded\.elements\.\d+\.)?(startDate|dueDate|derivedStartDate|derivedDueDate|estimatedTime|derivedEstimatedTime) must be string$/,
  /^Response body property _embedded\.validationErrors must be array$/
]

const Violations = Schema.parseJson(
  Schema.Array(Schema.Struct({ location: Schema.Array(Schema.String), message: Schema.String }))
)

interface Exchange {
  readonly method: string
  readonly url: string
  readonly status: number
  readonly violations: ReadonlyArray<{ readonly location: ReadonlyArray<string>; readonly message: string }>
}

/** The CLI's transport (node:http), plus a record of every answer's status and Prism's violations. */
const recordingHttpClient = (exchanges: Array<Exchange>) =>
  Layer.effect(
    HttpClient.HttpClient,
    Effect.map(
      HttpClient.HttpClient,
      HttpClient.tap((response) =>
        Effect.sync(() => {
          const header = response.headers["sl-violations"]
          const violations =
            header === undefined ? [] : Either.getOrElse(Schema.decodeEither(Violations)(header), () => [])
          exchanges.push({
            method: response.request.method,
            url: response.request.url,
            status: response.status,
            violations
          })
        })
      )
    )
  ).pipe(Layer.provide(NodeHttpTransport.layer({ maxSockets: 4 })))

const setUp = (errors: boolean) =>
  Effect.gen(function* () {
    const sandbox = yield* startSandbox({
      apiKey: API_KEY,
      workPackages: [
        { id: 1, subject: "Open one", status: "New" },
        { id: 2, subject: "Closed one", status: "Closed" }
      ]
    })
    const prism = yield* startPrismProxy(sandbox.url, { errors })
    const exchanges: Array<Exchange> = []
    // The test runs on the TestClock: a rate limit that needed a refill would wait forever, so none is in the way.
    const op = yield* makeClient(
      prism.url,
      API_KEY,
      { maxRetries: 0, requestsPerSecond: 1000 },
      recordingHttpClient(exchanges)
    )
    return { sandbox, op, exchanges }
  })

const requestViolations = (exchanges: ReadonlyArray<Exchange>) =>
  exchanges.flatMap((e) =>
    e.violations.filter((v) => v.location[0] === "request").map((v) => `${e.method} ${e.url}: ${v.message}`)
  )

describe("the client against OpenProject's OpenAPI spec (Prism proxy in front of the sandbox)", () => {
  it.scoped(
    "--errors: no request is refused; the operations whose answers the spec accepts succeed",
    () =>
      Effect.gen(function* () {
        const { op, exchanges } = yield* setUp(true)
        // An answer violation turns into a 500 here (covered by the next test); a request violation into a 422.
        const succeeded = (operation: Effect.Effect<unknown, unknown>) =>
          Effect.map(Effect.either(operation), Either.isRight)
        const outcomes = {
          statuses: yield* succeeded(op.statuses()),
          observe: yield* succeeded(op.observe([1, 2])),
          workPackage: yield* succeeded(op.workPackage(1)),
          setStatus: yield* succeeded(op.setStatus({ id: 1, lockVersion: 1, statusHref: "/api/v3/statuses/4" })),
          addComment: yield* succeeded(op.addComment({ id: 1, text: "Status set by op-reconcile." })),
          comments: yield* succeeded(op.comments(1)),
          activities: yield* succeeded(op.activities(1)),
          user: yield* succeeded(op.user(1)),
          allowedStatuses: yield* succeeded(op.allowedStatuses(1)),
          checkTransition: yield* succeeded(
            op.checkTransition({ id: 1, lockVersion: 2, statusHref: "/api/v3/statuses/5" })
          ),
          me: yield* succeeded(op.me())
        }
        expect(exchanges.length).toBe(11)
        expect(requestViolations(exchanges)).toEqual([])
        expect(exchanges.filter((e) => e.status === 422)).toEqual([])
        // one request per operation, in order: an operation fails exactly when Prism rejected its answer
        Object.entries(outcomes).forEach(([name, outcome], i) => {
          const answerAccepted = exchanges[i]?.violations.length === 0
          expect([name, outcome]).toEqual([name, answerAccepted])
        })
        expect(outcomes.statuses && outcomes.comments).toBe(true)
      }),
    PRISM_STARTUP
  )

  it.scoped(
    "every operation succeeds through Prism; the answers break the spec only where OpenProject itself does",
    () =>
      Effect.gen(function* () {
        const { sandbox, op, exchanges } = yield* setUp(false)
        const statuses = yield* op.statuses()
        const inProgress = statuses.find((s) => s.name === "In progress")
        const observed = yield* op.observe([1, 2])
        expect([...observed.keys()].sort()).toEqual([1, 2])
        const wp = yield* op.workPackage(1)
        const updated = yield* op.setStatus({ id: 1, lockVersion: wp.lockVersion, statusHref: inProgress?.href ?? "" })
        expect(updated.statusName).toBe("In progress")
        yield* op.addComment({ id: 1, text: "Status set by op-reconcile." })
        expect(yield* op.comments(1)).toEqual(["Status set by op-reconcile."])
        const history = yield* op.activities(1)
        expect(history.map((a) => a.comment)).toEqual(["", "Status set by op-reconcile."])
        expect(history[1]?.details.map((d) => d.raw)).toEqual(["Status changed from New to In progress"])
        const author = yield* op.user(history[1]?.userId ?? 0)
        expect((yield* op.allowedStatuses(1)).length).toBeGreaterThan(0)
        const closed = statuses.find((s) => s.name === "Closed")
        const check = yield* op.checkTransition({
          id: 1,
          lockVersion: updated.lockVersion,
          statusHref: closed?.href ?? ""
        })
        expect(check.refusal).toBeUndefined()
        expect((yield* op.me()).id).toBe(author.id)
        expect(yield* sandbox.countRequests()).toBe(11)

        expect(requestViolations(exchanges)).toEqual([])
        const unexplained = exchanges.flatMap((e) =>
          e.violations
            .map((v) => v.message)
            .filter((m) => !REAL_API_DISCREPANCIES.some((known) => known.test(m)))
            .map((m) => `${e.method} ${e.url}: ${m}`)
        )
        expect(unexplained).toEqual([])
      }),
    PRISM_STARTUP
  )
})
