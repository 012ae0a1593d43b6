import { describe, expect, it } from "@effect/vitest"
import { Duration, Effect, Ref, Schedule } from "effect"
import {
  MissingPermission,
  NotFound,
  RateLimited,
  ServerError,
  TransitionRefused,
  TransportError,
  Unauthenticated,
  UnexpectedResponse,
  UpdateConflict,
  ValidationFailed
} from "../../src/openproject/errors.js"
import { isRetryable, retryFrom } from "../../src/openproject/OpenProject/retryPolicy.js"

const at = { method: "GET", url: "https://op.example/api/v3/x" }

describe("which failures are retried", () => {
  const cases = [
    [new RateLimited(at), true, true],
    [new ServerError({ ...at, status: 503 }), true, true],
    [new ServerError({ ...at, status: 500 }), true, false],
    [new ServerError({ ...at, status: 502 }), true, false],
    [new TransportError({ ...at, requestSent: true, reason: "reset" }), true, false],
    [new TransportError({ ...at, requestSent: false, reason: "refused" }), true, false],
    [new Unauthenticated(at), false, false],
    [new MissingPermission(at), false, false],
    [new NotFound(at), false, false],
    [new UpdateConflict(at), false, false],
    [new TransitionRefused({ ...at, serverMessage: "no" }), false, false],
    [new ValidationFailed({ ...at, status: 422 }), false, false],
    [new UnexpectedResponse({ ...at, status: 200, excerpt: "<html>" }), false, false]
  ] as const
  for (const [error, read, write] of cases) {
    const label = error._tag === "ServerError" ? `${error._tag} ${error.status}` : error._tag
    it(`${label}: read ${read ? "retried" : "not retried"}, write ${write ? "retried" : "not retried"}`, () => {
      expect(isRetryable("GET")(error)).toBe(read)
      expect(isRetryable("PATCH")(error)).toBe(write)
      expect(isRetryable("POST")(error)).toBe(write)
    })
  }

  it("a server that asks for more than two minutes is not waited for: the run stops and says so", () => {
    const longWait = new RateLimited({ ...at, retryAfter: Duration.minutes(10) })
    expect(isRetryable("GET")(longWait)).toBe(false)
    expect(longWait.message).toContain("10m")
  })
})

describe("the retry starts its schedule only after a failure, and then retries as Effect.retry does", () => {
  /** An attempt that fails `failures` times (with its attempt's number), then succeeds; it counts its runs. */
  const scripted = (failures: number) =>
    Effect.map(Ref.make(0), (runs) => ({
      runs,
      attempt: Effect.flatMap(
        Ref.updateAndGet(runs, (n) => n + 1),
        (n): Effect.Effect<string, number> => (n <= failures ? Effect.fail(n) : Effect.succeed(`ok after ${n}`))
      )
    }))
  /** A schedule that records every input it is given (and so every time it is stepped). */
  const recording = (seen: Ref.Ref<ReadonlyArray<number>>, retries: number, retryable: (n: number) => boolean) =>
    Schedule.recurs(retries).pipe(
      Schedule.intersect(Schedule.identity<number>()),
      Schedule.whileInput(retryable),
      Schedule.tapInput((n: number) => Ref.update(seen, (all) => [...all, n]))
    )
  const run = (
    how: "Effect.retry" | "retryFrom",
    failures: number,
    retries: number,
    retryable: (n: number) => boolean
  ) =>
    Effect.gen(function* () {
      const { runs, attempt } = yield* scripted(failures)
      const seen = yield* Ref.make<ReadonlyArray<number>>([])
      const schedule = recording(seen, retries, retryable)
      const result = yield* Effect.either(
        how === "Effect.retry"
          ? Effect.retry(attempt, schedule)
          : Effect.catchAll(attempt, (failed) => retryFrom(failed, attempt, schedule))
      )
      return { result, runs: yield* Ref.get(runs), seen: yield* Ref.get(seen) }
    })

  const cases = [
    { failures: 0, retries: 3, retryable: () => true, what: "a success at once" },
    { failures: 2, retries: 3, retryable: () => true, what: "two failures, then a success" },
    { failures: 5, retries: 3, retryable: () => true, what: "more failures than retries" },
    { failures: 5, retries: 0, retryable: () => true, what: "no retries allowed" },
    { failures: 5, retries: 3, retryable: (n: number) => n < 2, what: "a failure that is not retried" }
  ] as const
  for (const { failures, retries, retryable, what } of cases) {
    it.effect(`${what}: the same attempts, schedule inputs and result`, () =>
      Effect.gen(function* () {
        const expected = yield* run("Effect.retry", failures, retries, retryable)
        const actual = yield* run("retryFrom", failures, retries, retryable)
        expect(actual).toEqual(expected)
        if (failures === 0) expect(actual.seen).toEqual([])
      })
    )
  }
})
