// `npm run bench`: what a reconcile costs in requests and wall time, against the in-process sandbox with
// 20 ms of latency per request, compared with a naive per-row client. A measurement: it prints its
// figures and PASS/FAIL per target, and always exits 0.
import { NodeRuntime } from "@effect/platform-node"
import { Console, Context, Effect, Layer, Redacted, Schema } from "effect"
import { parseDesiredState } from "../src/desired/parseDesiredState.js"
import type { DesiredState } from "../src/domain/desired.js"
import { type Plan, PlanSource } from "../src/domain/plan.js"
import { CANONICAL_STATES } from "../src/domain/states.js"
import * as NodeHttpTransport from "../src/openproject/NodeHttpTransport.js"
import { OpenProject } from "../src/openproject/OpenProject.js"
import { DEFAULTS, OpenProjectConfig } from "../src/openproject/OpenProjectConfig.js"
import { applyPlan } from "../src/reconcile/applyPlan.js"
import { observe } from "../src/reconcile/observe.js"
import { plan } from "../src/reconcile/planner.js"
import { type RunningSandbox, startSandbox } from "../src/sandbox/Sandbox.js"
import { benchCliRuns } from "./bench/cliRuns.js"
import { benchParse } from "./bench/parse.js"

const API_KEY = "bench-sandbox-key"
const FILE = "bench/PLAN.md"
const LATENCY_MS = 20
const ROW_COUNTS = [10, 100, 1000, 5000] as const
const NAIVE_ROW_COUNTS = [10, 100, 1000] as const
/** The 1,000-row apply runs only if the 100-row apply suggests it finishes in about this long. */
const APPLY_BUDGET_MS = 20_000
/**
 * In-process cases measure the library at scale: past the default burst (100) the default steady rate of 10
 * requests per second would be the figure. The CLI cases (scripts/bench/cliRuns.ts) use the default flags.
 */
const TUNING = { requestsPerSecond: 1000, concurrency: 8 } as const
const APPLY_CONCURRENCY = 8

interface Measurement {
  readonly name: string
  readonly rows: number
  readonly requests: number
  readonly wallMs: number
  readonly note?: string
}

const now = Effect.sync(() => performance.now())

const timed = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const start = yield* now
    const value = yield* effect
    return { value, wallMs: (yield* now) - start }
  })

// ── the workload ────────────────────────────────────────────────────────────────────────────────────

const desiredStateOf = (i: number) => CANONICAL_STATES[i % CANONICAL_STATES.length] ?? "New"
/** Every row drifted: the work package shows the next state of the list, never the one asked for. */
const driftedStateOf = (i: number) => CANONICAL_STATES[(i + 1) % CANONICAL_STATES.length] ?? "New"

const trackingTable = (rows: number): string => {
  const lines = ["| Track | Phase | GH issue / OP wp | Status |", "| --- | --- | --- | --- |"]
  for (let i = 0; i < rows; i++) lines.push(`| Track ${i + 1} | bench | OP wp#${i + 1} | **${desiredStateOf(i)}** |`)
  return `# Bench plan\n\n${lines.join("\n")}\n`
}

const seeds = (rows: number, drifted: boolean) =>
  Array.from({ length: rows }, (_, i) => ({
    id: i + 1,
    subject: `Story ${i + 1}`,
    status: drifted ? driftedStateOf(i) : desiredStateOf(i)
  }))

const startBenchSandbox = (rows: number, drifted: boolean) =>
  startSandbox({ apiKey: API_KEY, workPackages: seeds(rows, drifted), latencyMs: LATENCY_MS })

const clientFor = (sandbox: RunningSandbox) =>
  Layer.build(
    OpenProject.Default.pipe(
      Layer.provide(OpenProjectConfig.layer({ url: sandbox.url, apiKey: Redacted.make(API_KEY), ...TUNING })),
      // the CLI's own transport, so the in-process figures measure what a user runs
      Layer.provide(NodeHttpTransport.layer({ maxSockets: TUNING.concurrency }))
    )
  ).pipe(
    Effect.map((context) => Context.get(context, OpenProject)),
    Effect.orDie
  )

// ── op-reconcile ────────────────────────────────────────────────────────────────────────────────────

const dryRun = (op: OpenProject, desired: DesiredState, url: string): Effect.Effect<Plan> =>
  Effect.map(observe(desired).pipe(Effect.provideService(OpenProject, op), Effect.orDie), (observed) =>
    plan({
      desired,
      observed,
      source: new PlanSource({ path: FILE, sha256: "0".repeat(64) }),
      openProjectUrl: url,
      createdAt: new Date().toISOString()
    })
  )

const benchDryRun = (rows: number, drifted: boolean, desired: DesiredState) =>
  Effect.scoped(
    Effect.gen(function* () {
      const sandbox = yield* startBenchSandbox(rows, drifted)
      const op = yield* clientFor(sandbox)
      const { value: planned, wallMs } = yield* timed(dryRun(op, desired, sandbox.url))
      const expected = drifted ? rows : 0
      if (planned.changes.length !== expected) {
        return yield* Effect.dieMessage(`dry-run planned ${planned.changes.length} changes, expected ${expected}`)
      }
      return {
        name: drifted ? "dry-run, every row drifted (observe + plan)" : "dry-run, in sync (observe + plan)",
        rows,
        requests: yield* sandbox.countRequests(),
        wallMs
      } satisfies Measurement
    })
  )

const benchApply = (rows: number, desired: DesiredState) =>
  Effect.scoped(
    Effect.gen(function* () {
      const sandbox = yield* startBenchSandbox(rows, true)
      const op = yield* clientFor(sandbox)
      const planned = yield* dryRun(op, desired, sandbox.url)
      yield* sandbox.clearRequestLog
      const { value: report, wallMs } = yield* timed(
        applyPlan(planned, {
          concurrency: APPLY_CONCURRENCY,
          notify: false,
          comment: true,
          audit: {},
          onConflict: "rebase",
          maxConflictRetries: 3
        }).pipe(Effect.provideService(OpenProject, op), Effect.orDie)
      )
      if (report.summary.applied !== rows) {
        return yield* Effect.dieMessage(`apply applied ${report.summary.applied} of ${rows} changes`)
      }
      return {
        name: `apply every change, concurrency ${APPLY_CONCURRENCY}, with audit comments`,
        rows,
        requests: yield* sandbox.countRequests(),
        wallMs,
        note: "PATCH + comment per change; the plan was made before the clock started"
      } satisfies Measurement
    })
  )

// ── the naive baseline: one GET per row, then one PATCH per drifted row, one request at a time ─────────

const NaiveWorkPackage = Schema.Struct({
  lockVersion: Schema.Number,
  _links: Schema.Struct({ status: Schema.Struct({ href: Schema.String }) })
})
const NaiveStatuses = Schema.Struct({
  _embedded: Schema.Struct({ elements: Schema.Array(Schema.Struct({ id: Schema.Number, name: Schema.String })) })
})

const naiveRequest = <A, I>(
  url: string,
  schema: Schema.Schema<A, I>,
  init: { readonly method?: string; readonly body?: unknown } = {}
) =>
  Effect.tryPromise(async () => {
    const response = await fetch(url, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Basic ${Buffer.from(`apikey:${API_KEY}`).toString("base64")}`,
        "content-type": "application/json"
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
    })
    if (!response.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${response.status}`)
    return await response.json()
  }).pipe(Effect.flatMap(Schema.decodeUnknown(schema)), Effect.orDie)

const benchNaive = (rows: number) =>
  Effect.scoped(
    Effect.gen(function* () {
      const sandbox = yield* startBenchSandbox(rows, true)
      const api = `${sandbox.url}/api/v3`
      const start = yield* now
      const statuses = yield* naiveRequest(`${api}/statuses`, NaiveStatuses)
      const hrefOf = new Map(statuses._embedded.elements.map((s) => [s.name, `/api/v3/statuses/${s.id}`]))
      const seen: Array<{ readonly id: number; readonly wp: typeof NaiveWorkPackage.Type }> = []
      for (let id = 1; id <= rows; id++) {
        seen.push({ id, wp: yield* naiveRequest(`${api}/work_packages/${id}`, NaiveWorkPackage) })
      }
      const readMs = (yield* now) - start
      const readRequests = yield* sandbox.countRequests()
      for (const { id, wp } of seen) {
        const target = hrefOf.get(desiredStateOf(id - 1))
        if (target === undefined || target === wp._links.status.href) continue
        yield* naiveRequest(`${api}/work_packages/${id}?notify=false`, NaiveWorkPackage, {
          method: "PATCH",
          body: { lockVersion: wp.lockVersion, _links: { status: { href: target } } }
        })
      }
      const wallMs = (yield* now) - start
      return [
        { name: "naive: GET per row (its dry-run)", rows, requests: readRequests, wallMs: readMs },
        {
          name: "naive: GET per row, then PATCH per drifted row",
          rows,
          requests: yield* sandbox.countRequests(),
          wallMs,
          note: "sequential, node fetch, no comments"
        }
      ] satisfies ReadonlyArray<Measurement>
    })
  )

// ── report ──────────────────────────────────────────────────────────────────────────────────────────

const formatMs = (ms: number) => (ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString("en-US"))

const markdownTable = (measurements: ReadonlyArray<Measurement>) =>
  [
    "| case | rows | requests | wall ms |",
    "| --- | ---: | ---: | ---: |",
    ...measurements.map(
      (m) =>
        `| ${m.name} | ${m.rows.toLocaleString("en-US")} | ${m.requests.toLocaleString("en-US")} | ${formatMs(m.wallMs)} |`
    )
  ].join("\n")

const verdict = (ok: boolean) => (ok ? "PASS" : "FAIL")

const bench = Effect.gen(function* () {
  yield* Console.log(
    `op-reconcile benchmark: in-process sandbox with ${LATENCY_MS} ms latency per request, Node ${process.version}.\n` +
      `Client settings for the bench: requestsPerSecond ${TUNING.requestsPerSecond}, concurrency ${TUNING.concurrency} ` +
      `(defaults: burst ${DEFAULTS.burst}, then requestsPerSecond ${DEFAULTS.requestsPerSecond}, concurrency ` +
      `${DEFAULTS.concurrency}, which would pace a run past the burst); apply concurrency ` +
      `${APPLY_CONCURRENCY}, audit comments on, notify=false.\n`
  )
  const results: Array<Measurement> = []
  const record = (m: Measurement) =>
    Effect.zipRight(
      Effect.sync(() => results.push(m)),
      Console.log(`  ${m.name}, ${m.rows} rows: ${m.requests} requests, ${formatMs(m.wallMs)} ms`)
    )

  const parse = (rows: number) => {
    const text = trackingTable(rows)
    return timed(Effect.orDie(Effect.suspend(() => parseDesiredState(text, FILE))))
  }
  yield* parse(10) // warm-up, not reported
  const desiredByRows = new Map<number, DesiredState>()
  for (const rows of ROW_COUNTS) {
    const { value, wallMs } = yield* parse(rows)
    desiredByRows.set(rows, value)
    yield* record({ name: "read the table (markdown parse, no requests)", rows, requests: 0, wallMs })
  }
  const desiredOf = (rows: number) => Effect.orDie(Effect.fromNullable(desiredByRows.get(rows)))

  // Warm-up (connections, JIT), not reported.
  const warmUp = yield* desiredOf(10)
  yield* benchDryRun(10, true, warmUp)
  yield* benchApply(10, warmUp)

  for (const rows of ROW_COUNTS) {
    const desired = yield* desiredOf(rows)
    yield* record(yield* benchDryRun(rows, false, desired))
    yield* record(yield* benchDryRun(rows, true, desired))
  }

  let lastApply: Measurement | undefined
  for (const rows of [10, 100, 1000]) {
    const desired = yield* desiredOf(rows)
    if (rows === 1000 && lastApply !== undefined && lastApply.wallMs * (rows / lastApply.rows) > APPLY_BUDGET_MS) {
      yield* Console.log(`  apply of ${rows} rows skipped: it would take over ${APPLY_BUDGET_MS / 1000} s`)
      continue
    }
    lastApply = yield* benchApply(rows, desired)
    yield* record(lastApply)
  }

  for (const rows of NAIVE_ROW_COUNTS) {
    for (const m of yield* benchNaive(rows)) yield* record(m)
  }

  yield* Console.log(`\n${markdownTable(results)}\n`)
  for (const note of new Set(results.flatMap((m) => (m.note === undefined ? [] : [`${m.name}: ${m.note}`])))) {
    yield* Console.log(`- ${note}`)
  }

  const syncDryRun = results.find((m) => m.rows === 1000 && m.name.startsWith("dry-run, in sync"))
  const apply100 = results.find((m) => m.rows === 100 && m.name.startsWith("apply"))
  const parse1000 = results.find((m) => m.rows === 1000 && m.name.startsWith("read the table"))
  yield* Console.log("\nTargets:")
  yield* Console.log(
    `  ${verdict(syncDryRun !== undefined && syncDryRun.requests <= 3 && syncDryRun.wallMs < 1000)} ` +
      `dry-run of 1,000 rows in sync: at most 3 requests and well under a second ` +
      `(${syncDryRun?.requests ?? "?"} requests, ${formatMs(syncDryRun?.wallMs ?? Number.NaN)} ms)`
  )
  yield* Console.log(
    `       with reading the 1,000-row table first, as the CLI does: ` +
      `${formatMs((syncDryRun?.wallMs ?? Number.NaN) + (parse1000?.wallMs ?? Number.NaN))} ms`
  )
  yield* Console.log(
    `  ${verdict(apply100 !== undefined && apply100.wallMs < 2000)} ` +
      `apply of 100 changes at concurrency ${APPLY_CONCURRENCY} under 2 seconds ` +
      `(${formatMs(apply100?.wallMs ?? Number.NaN)} ms, ${apply100?.requests ?? "?"} requests)`
  )
})

// `npm run bench -- --cli-only`: only the built CLI as a process (e.g. with BENCH_NODE=/path/to/node24).
const cliOnly = process.argv.includes("--cli-only")

const verdicts = (cases: ReadonlyArray<{ readonly name: string; readonly target?: string; readonly pass?: boolean }>) =>
  Effect.forEach(
    cases.filter((c) => c.target !== undefined),
    (c) => Console.log(`  ${verdict(c.pass === true)} ${c.name}: ${c.target}`),
    { discard: true }
  )

// `npm run bench -- --parse`: only the parse, op-reconcile's reader against micromark's floor.
const parseOnly = process.argv.includes("--parse")

const all = Effect.gen(function* () {
  if (parseOnly) return yield* benchParse
  if (!cliOnly) yield* bench
  const cases = yield* benchCliRuns
  yield* Console.log("\nTargets, the built CLI as a process:")
  yield* verdicts(cases)
  if (!cliOnly) yield* benchParse
})

NodeRuntime.runMain(all, { disableErrorReporting: false })
