import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, TestClock } from "effect"
import type { ChangeResult } from "../../src/domain/outcome.js"
import { TRANSITION_REFUSED_MESSAGE } from "../../src/sandbox/apiError.js"
import type { RunningSandbox } from "../../src/sandbox/Sandbox.js"
import { makeClient } from "../openproject/support/client.js"
import { awaitWakeUp } from "../support/testClock.js"
import { applyWith, desiredFrom, FILE, planWith, rowLine, seeds, setUp, trackingTable } from "./executorFixtures.js"

/**
 * The executor against the sandbox over real sockets. Every assertion is on what the server holds or saw
 * (its work packages, comments and request log), not only on what applyPlan reports.
 */

const byId = (results: ReadonlyArray<ChangeResult>, id: number) => results.find((r) => r.workPackageId === id)

const statusOf = (sandbox: RunningSandbox, id: number) => Effect.map(sandbox.workPackage(id), (wp) => wp?.status)
const commentsOf = (sandbox: RunningSandbox, id: number) =>
  Effect.map(sandbox.workPackage(id), (wp) => wp?.comments ?? [])
const lockVersionOf = (sandbox: RunningSandbox, id: number) =>
  Effect.map(sandbox.workPackage(id), (wp) => wp?.lockVersion)

const patchesOf = (sandbox: RunningSandbox, id: number) =>
  Effect.map(sandbox.requestLog, (log) =>
    log.filter((e) => e.method === "PATCH" && e.path === `/api/v3/work_packages/${id}`)
  )

/** Six work packages; the table moves four of them (one reopened from Closed) and keeps two. */
const observedSeeds = seeds([
  [1, "New"],
  [2, "In progress"],
  [3, "Closed"],
  [4, "Specified"],
  [5, "Backlog"],
  [6, "On hold"]
])
const desiredTable = trackingTable([
  [1, "In progress"],
  [2, "In testing"],
  [3, "In progress"],
  [4, "Specified"],
  [5, "Rejected"],
  [6, "On hold"]
])

describe("applyPlan converges", () => {
  it.scoped("applies every change, and a second observe+plan finds nothing and a second apply writes nothing", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ workPackages: observedSeeds })
      const desired = yield* desiredFrom(desiredTable)
      const first = yield* planWith(op, desired, sandbox.url)
      expect(first.changes.map((c) => [c.workPackageId, c.from, c.to])).toEqual([
        [1, "New", "In progress"],
        [2, "In progress", "In testing"],
        [3, "Closed", "In progress"],
        [5, "Backlog", "Rejected"]
      ])

      const report = yield* applyWith(op, first)
      expect(report.results.map((r) => [r.workPackageId, r.outcome, r.warnings])).toEqual([
        [1, "applied", []],
        [2, "applied", []],
        [3, "applied", []],
        [5, "applied", []]
      ])
      expect(report.summary).toMatchObject({ applied: 4, unchanged: 0, failed: 0, stale: 0 })
      for (const row of desired.rows) expect(yield* statusOf(sandbox, row.workPackageId)).toBe(row.state)
      expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(4)

      yield* sandbox.clearRequestLog
      const second = yield* planWith(op, desired, sandbox.url)
      expect(second.changes).toEqual([])
      expect(second.inSync.length).toBe(6)
      const again = yield* applyWith(op, second)
      expect(again.results).toEqual([])
      expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(0)
      expect(yield* sandbox.countRequests({ method: "POST" })).toBe(0)
    })
  )
})

describe("audit comments", () => {
  it.scoped("exactly one per transition, naming the change, the file and line and the commit; none elsewhere", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ workPackages: observedSeeds })
      const desired = yield* desiredFrom(desiredTable)
      yield* applyWith(op, yield* planWith(op, desired, sandbox.url))

      const [comment1] = yield* commentsOf(sandbox, 1)
      expect(yield* commentsOf(sandbox, 1)).toHaveLength(1)
      expect(comment1).toContain("**New** to **In progress**")
      expect(comment1).toContain(`\`${FILE}\`, line ${rowLine(0)}`)
      expect(comment1).toContain("0123abc")
      const [comment3] = yield* commentsOf(sandbox, 3)
      expect(comment3).toContain("**Closed** to **In progress**")
      expect(comment3).toContain(`\`${FILE}\`, line ${rowLine(2)}`)
      for (const id of [2, 5]) expect(yield* commentsOf(sandbox, id)).toHaveLength(1)
      for (const id of [4, 6]) expect(yield* commentsOf(sandbox, id)).toEqual([])
      expect(yield* sandbox.countRequests({ method: "POST", pathPrefix: "/api/v3/work_packages/" })).toBe(4)
    })
  )

  it.scoped("notify=false is sent with every write unless asked; notify: true sends notify=true", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ workPackages: observedSeeds })
      const desired = yield* desiredFrom(desiredTable)
      yield* applyWith(op, yield* planWith(op, desired, sandbox.url))
      const writes = (yield* sandbox.requestLog).filter((e) => e.method !== "GET")
      expect(writes).toHaveLength(8)
      for (const write of writes) expect(new URLSearchParams(write.query).get("notify")).toBe("false")
      expect((yield* sandbox.notifications).map((n) => n.notify)).toEqual(Array(8).fill(false))

      const { sandbox: loud, op: loudOp } = yield* setUp({ workPackages: observedSeeds })
      yield* applyWith(loudOp, yield* planWith(loudOp, desired, loud.url), { notify: true })
      const notified = yield* loud.notifications
      expect(notified).toHaveLength(8)
      expect(notified.every((n) => n.notify)).toBe(true)
    })
  )

  it.scoped("comment: false transitions without posting any comment", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ workPackages: observedSeeds })
      const desired = yield* desiredFrom(desiredTable)
      const report = yield* applyWith(op, yield* planWith(op, desired, sandbox.url), { comment: false })
      expect(report.summary.applied).toBe(4)
      expect(yield* sandbox.countRequests({ method: "POST" })).toBe(0)
      for (const id of [1, 2, 3, 5]) expect(yield* commentsOf(sandbox, id)).toEqual([])
    })
  )
})

describe("a concurrent edit between read and write", () => {
  const oneChange = trackingTable([
    [1, "In progress"],
    [2, "Specified"]
  ])
  const twoNew = seeds([
    [1, "New"],
    [2, "Specified"]
  ])

  it.scoped("409 → re-read, re-plan from where the other user left it, applied, one comment", () =>
    Effect.gen(function* () {
      // read 1 is the observe; right after it a colleague puts wp#1 on hold
      const { sandbox, op } = yield* setUp({
        workPackages: twoNew,
        concurrentEdits: [{ workPackageId: 1, afterReads: 1, status: "On hold" }]
      })
      const planned = yield* planWith(op, yield* desiredFrom(oneChange), sandbox.url)
      expect(planned.changes.map((c) => [c.from, c.to])).toEqual([["New", "In progress"]])

      const report = yield* applyWith(op, planned)
      expect(report.results.map((r) => [r.outcome, r.from, r.to])).toEqual([["applied", "On hold", "In progress"]])
      expect(yield* statusOf(sandbox, 1)).toBe("In progress")
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([409, 200])
      expect(yield* sandbox.countRequests({ method: "GET", pathPrefix: "/api/v3/work_packages/1" })).toBe(1)
      const comments = yield* commentsOf(sandbox, 1)
      expect(comments).toHaveLength(1)
      expect(comments[0]).toContain("**On hold** to **In progress**")
    })
  )

  it.scoped("an edit of another field (lockVersion only) is rebased too", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: twoNew,
        concurrentEdits: [{ workPackageId: 1, afterReads: 1 }]
      })
      const report = yield* applyWith(op, yield* planWith(op, yield* desiredFrom(oneChange), sandbox.url))
      expect(report.results.map((r) => r.outcome)).toEqual(["applied"])
      expect(yield* statusOf(sandbox, 1)).toBe("In progress")
      expect(yield* commentsOf(sandbox, 1)).toHaveLength(1)
    })
  )

  it.scoped("the other user already set the target: unchanged, nothing written, no comment", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: twoNew,
        concurrentEdits: [{ workPackageId: 1, afterReads: 1, status: "In progress" }]
      })
      const report = yield* applyWith(op, yield* planWith(op, yield* desiredFrom(oneChange), sandbox.url))
      expect(report.results.map((r) => r.outcome)).toEqual(["unchanged"])
      expect(report.summary).toMatchObject({ applied: 0, unchanged: 1 })
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([409])
      expect(yield* commentsOf(sandbox, 1)).toEqual([])
    })
  )

  it.scoped("a saved plan (onConflict exact): an item that moved is stale and not written", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: twoNew,
        concurrentEdits: [{ workPackageId: 1, afterReads: 1, status: "On hold" }]
      })
      const planned = yield* planWith(op, yield* desiredFrom(oneChange), sandbox.url)
      const lockVersionAfterEdit = yield* lockVersionOf(sandbox, 1)
      const report = yield* applyWith(op, planned, { onConflict: "exact" })
      expect(report.results.map((r) => [r.outcome, r.from, r.to])).toEqual([["stale", "New", "In progress"]])
      expect(report.summary).toMatchObject({ applied: 0, stale: 1 })
      expect(yield* statusOf(sandbox, 1)).toBe("On hold")
      expect(yield* lockVersionOf(sandbox, 1)).toBe(lockVersionAfterEdit)
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([409])
      expect(yield* commentsOf(sandbox, 1)).toEqual([])
    })
  )

  it.scoped("a saved plan whose item moved only in lockVersion is stale as well", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: twoNew,
        concurrentEdits: [{ workPackageId: 1, afterReads: 1 }]
      })
      const planned = yield* planWith(op, yield* desiredFrom(oneChange), sandbox.url)
      const report = yield* applyWith(op, planned, { onConflict: "exact" })
      expect(report.results.map((r) => r.outcome)).toEqual(["stale"])
      expect(yield* statusOf(sandbox, 1)).toBe("New")
    })
  )

  it.scoped("a saved plan whose item already reached the target is unchanged", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: twoNew,
        concurrentEdits: [{ workPackageId: 1, afterReads: 1, status: "In progress" }]
      })
      const planned = yield* planWith(op, yield* desiredFrom(oneChange), sandbox.url)
      const report = yield* applyWith(op, planned, { onConflict: "exact" })
      expect(report.results.map((r) => r.outcome)).toEqual(["unchanged"])
      expect(yield* commentsOf(sandbox, 1)).toEqual([])
    })
  )

  it.scoped("an item that keeps changing is given up as failed after maxConflictRetries", () =>
    Effect.gen(function* () {
      // reads 1 (observe), 2, 3 and 4 (re-reads after each 409) are each followed by another edit
      const { sandbox, op } = yield* setUp({
        workPackages: twoNew,
        concurrentEdits: [1, 2, 3, 4].map((afterReads) => ({ workPackageId: 1, afterReads }))
      })
      const planned = yield* planWith(op, yield* desiredFrom(oneChange), sandbox.url)
      const report = yield* applyWith(op, planned, { maxConflictRetries: 2 })
      const [result] = report.results
      expect(result?.outcome).toBe("failed")
      expect(result?.error?.tag).toBe("UpdateConflict")
      expect(yield* statusOf(sandbox, 1)).toBe("New")
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([409, 409, 409])
    })
  )
})

describe("per-item failures do not stop the others", () => {
  it.scoped("a transition the workflow refuses fails alone, with OpenProject's message and the hint", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: seeds([
          [1, "New"],
          [2, "New"],
          [3, "Backlog"]
        ]),
        forbiddenTransitions: [{ from: "New", to: "Closed" }]
      })
      const desired = yield* desiredFrom(
        trackingTable([
          [1, "Closed"],
          [2, "In progress"],
          [3, "Specified"]
        ])
      )
      const report = yield* applyWith(op, yield* planWith(op, desired, sandbox.url))
      const refused = byId(report.results, 1)
      expect(refused?.outcome).toBe("failed")
      expect(refused?.error?.tag).toBe("TransitionRefused")
      expect(refused?.error?.message).toContain(TRANSITION_REFUSED_MESSAGE)
      // the remedy: what OpenProject allows from here (asked of the form after the refusal), and the ways out
      expect(refused?.error?.hint).toContain(
        "From New OpenProject allows: Backlog, Specified, In progress, In testing, On hold, Rejected."
      )
      expect(refused?.error?.hint).toContain('--route "New->Closed=Backlog"')
      expect(refused?.error?.hint).toContain('routes: { "New -> Closed": [Backlog] }')
      expect(refused?.error?.hint).toContain("Administration → Work packages → Workflow")
      expect(byId(report.results, 2)?.outcome).toBe("applied")
      expect(byId(report.results, 3)?.outcome).toBe("applied")
      expect(report.summary).toMatchObject({ applied: 2, failed: 1 })
      expect(yield* statusOf(sandbox, 1)).toBe("New")
      expect(yield* commentsOf(sandbox, 1)).toEqual([])
      expect(yield* statusOf(sandbox, 2)).toBe("In progress")
      expect(yield* statusOf(sandbox, 3)).toBe("Specified")
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([422])
    })
  )

  it.scoped("403 and 404 on the PATCH fail their items; the rest is applied", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: seeds([
          [1, "New"],
          [2, "New"],
          [3, "New"]
        ]),
        faults: [
          { method: "PATCH", path: "^/api/v3/work_packages/1$", fault: { kind: "status", status: 403 } },
          { method: "PATCH", path: "^/api/v3/work_packages/2$", fault: { kind: "status", status: 404 } }
        ]
      })
      const desired = yield* desiredFrom(
        trackingTable([
          [1, "Specified"],
          [2, "Specified"],
          [3, "Specified"]
        ])
      )
      const report = yield* applyWith(op, yield* planWith(op, desired, sandbox.url))
      expect(report.results.map((r) => [r.workPackageId, r.outcome, r.error?.tag])).toEqual([
        [1, "failed", "MissingPermission"],
        [2, "failed", "NotFound"],
        [3, "applied", undefined]
      ])
      expect(byId(report.results, 1)?.error?.message).toContain("403")
      expect(yield* statusOf(sandbox, 3)).toBe("Specified")
      // neither was retried: both are terminal for their item
      expect((yield* patchesOf(sandbox, 1)).length + (yield* patchesOf(sandbox, 2)).length).toBe(2)
    })
  )
})

describe("a 401 stops every write", () => {
  const many = seeds(Array.from({ length: 10 }, (_, i) => [i + 1, "New"] as const))
  const allSpecified = trackingTable(Array.from({ length: 10 }, (_, i) => [i + 1, "Specified"] as const))

  it.scoped("the first PATCH answered 401 fails the apply with Unauthenticated; nothing is sent after it", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: many,
        faults: [{ method: "PATCH", occurrences: [2], fault: { kind: "status", status: 401 } }]
      })
      const planned = yield* planWith(op, yield* desiredFrom(allSpecified), sandbox.url)
      yield* sandbox.clearRequestLog
      const error = yield* Effect.flip(applyWith(op, planned, { concurrency: 1 }))
      expect(error._tag).toBe("Unauthenticated")
      expect(error.message).toContain("OPENPROJECT_API_KEY")
      const log = yield* sandbox.requestLog
      // wp#1 applied and commented, then the 401 on wp#2 is the last request the server saw
      expect(log.map((e) => [e.method, e.path, e.status])).toEqual([
        ["PATCH", "/api/v3/work_packages/1", 200],
        ["POST", "/api/v3/work_packages/1/activities", 201],
        ["PATCH", "/api/v3/work_packages/2", 401]
      ])
      for (let id = 2; id <= 10; id++) expect(yield* statusOf(sandbox, id)).toBe("New")
    })
  )

  it.scoped("a client with a wrong key: Unauthenticated, no work package written, no comment", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({ workPackages: many })
      const planned = yield* planWith(op, yield* desiredFrom(allSpecified), sandbox.url)
      const wrongKey = yield* makeClient(sandbox.url, "opapi-revoked-key-0000", { requestsPerSecond: 1000 })
      yield* sandbox.clearRequestLog
      const concurrency = 4
      const error = yield* Effect.flip(applyWith(wrongKey, planned, { concurrency }))
      expect(error._tag).toBe("Unauthenticated")
      const log = yield* sandbox.requestLog
      // only the writes already in flight when the first 401 came back can have been sent, all refused
      expect(log.length).toBeGreaterThanOrEqual(1)
      expect(log.length).toBeLessThanOrEqual(concurrency)
      for (const entry of log) expect([entry.method, entry.status]).toEqual(["PATCH", 401])
      for (let id = 1; id <= 10; id++) expect(yield* statusOf(sandbox, id)).toBe("New")
    })
  )
})

describe("lost answers are read back, never repeated blindly", () => {
  const one = trackingTable([[1, "In testing"]])
  const oneInProgress = seeds([[1, "In progress"]])

  it.scoped("a PATCH applied but its answer lost: re-read, applied, one status change and one comment", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: oneInProgress,
        faults: [{ method: "PATCH", occurrences: [1], fault: { kind: "lostWrite" } }]
      })
      const planned = yield* planWith(op, yield* desiredFrom(one), sandbox.url)
      const before = yield* lockVersionOf(sandbox, 1)
      const report = yield* applyWith(op, planned)
      expect(report.results.map((r) => [r.outcome, r.warnings])).toEqual([["applied", []]])
      expect(yield* statusOf(sandbox, 1)).toBe("In testing")
      // one saved change: the lock version moved once
      expect(yield* lockVersionOf(sandbox, 1)).toBe((before ?? 0) + 1)
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([0])
      expect(yield* commentsOf(sandbox, 1)).toHaveLength(1)
    })
  )

  it.scoped("a PATCH cut before it was handled (reset) is re-read and sent again, once", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: oneInProgress,
        faults: [{ method: "PATCH", occurrences: [1], fault: { kind: "reset" } }]
      })
      const report = yield* applyWith(op, yield* planWith(op, yield* desiredFrom(one), sandbox.url))
      expect(report.results.map((r) => r.outcome)).toEqual(["applied"])
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([0, 200])
      expect(yield* commentsOf(sandbox, 1)).toHaveLength(1)
    })
  )

  it.scoped("a comment POST whose answer was lost is not posted twice", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: oneInProgress,
        faults: [{ method: "POST", path: "/activities$", occurrences: [1], fault: { kind: "lostWrite" } }]
      })
      const report = yield* applyWith(op, yield* planWith(op, yield* desiredFrom(one), sandbox.url))
      expect(report.results.map((r) => [r.outcome, r.warnings])).toEqual([["applied", []]])
      expect(yield* commentsOf(sandbox, 1)).toHaveLength(1)
      expect(yield* sandbox.countRequests({ method: "POST" })).toBe(1)
      expect(yield* sandbox.countRequests({ method: "GET", pathPrefix: "/api/v3/work_packages/1/activities" })).toBe(1)
    })
  )

  it.scoped(
    "a comment POST whose answer was lost, and the comments cannot be read back: warned, not posted twice",
    () =>
      Effect.gen(function* () {
        const { sandbox, op } = yield* setUp({
          workPackages: oneInProgress,
          faults: [
            { method: "POST", path: "/activities$", occurrences: [1], fault: { kind: "lostWrite" } },
            { method: "GET", path: "/activities$", fault: { kind: "status", status: 403 } }
          ]
        })
        const report = yield* applyWith(op, yield* planWith(op, yield* desiredFrom(one), sandbox.url))
        const [result] = report.results
        expect(result?.outcome).toBe("applied")
        expect(result?.warnings).toHaveLength(1)
        expect(result?.warnings[0]).toContain("audit comment")
        expect(yield* commentsOf(sandbox, 1)).toHaveLength(1)
        expect(yield* sandbox.countRequests({ method: "POST" })).toBe(1)
      })
  )

  it.scoped("a PATCH whose answer is lost every time fails with the transport error, not as a conflict", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: oneInProgress,
        faults: [{ method: "PATCH", fault: { kind: "reset" } }]
      })
      const report = yield* applyWith(op, yield* planWith(op, yield* desiredFrom(one), sandbox.url), {
        maxConflictRetries: 2
      })
      const [result] = report.results
      expect(result?.outcome).toBe("failed")
      expect(result?.error?.tag).toBe("TransportError")
      expect(result?.error?.message).toContain("no answer from OpenProject")
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([0, 0, 0])
      expect(yield* statusOf(sandbox, 1)).toBe("In progress")
    })
  )

  it.scoped("a comment POST cut before it was handled is posted again, once", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: oneInProgress,
        faults: [{ method: "POST", path: "/activities$", occurrences: [1], fault: { kind: "reset" } }]
      })
      const report = yield* applyWith(op, yield* planWith(op, yield* desiredFrom(one), sandbox.url))
      expect(report.results.map((r) => [r.outcome, r.warnings])).toEqual([["applied", []]])
      expect(yield* commentsOf(sandbox, 1)).toHaveLength(1)
      expect(yield* sandbox.countRequests({ method: "POST" })).toBe(2)
    })
  )

  it.scoped("a comment that cannot be posted does not undo the transition: applied, with a warning", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: oneInProgress,
        faults: [{ method: "POST", path: "/activities$", fault: { kind: "status", status: 403 } }]
      })
      const report = yield* applyWith(op, yield* planWith(op, yield* desiredFrom(one), sandbox.url))
      const [result] = report.results
      expect(result?.outcome).toBe("applied")
      expect(result?.warnings).toHaveLength(1)
      expect(result?.warnings[0]).toContain("audit comment could not be posted")
      expect(yield* statusOf(sandbox, 1)).toBe("In testing")
      expect(yield* commentsOf(sandbox, 1)).toEqual([])
    })
  )
})

describe("transient server errors", () => {
  it.scoped("a 503 on the PATCH is retried by the client after its backoff (TestClock), then applied", () =>
    Effect.gen(function* () {
      const { sandbox, op } = yield* setUp({
        workPackages: seeds([[1, "New"]]),
        faults: [{ method: "PATCH", occurrences: [1], fault: { kind: "status", status: 503 } }]
      })
      const planned = yield* planWith(op, yield* desiredFrom(trackingTable([[1, "Specified"]])), sandbox.url)
      const fiber = yield* Effect.fork(applyWith(op, planned))
      // pending sleeps besides the retry: the limiter's 1 ms refill and the 30 s request timeouts
      const wait = yield* awaitWakeUp((delay) => delay >= 50 && delay < 20_000, "the retry of the PATCH")
      yield* TestClock.adjust(wait)
      const report = yield* Fiber.join(fiber)
      expect(report.results.map((r) => r.outcome)).toEqual(["applied"])
      expect((yield* patchesOf(sandbox, 1)).map((e) => e.status)).toEqual([503, 200])
      expect(yield* commentsOf(sandbox, 1)).toHaveLength(1)
    })
  )
})
