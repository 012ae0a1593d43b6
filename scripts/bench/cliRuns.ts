// The built CLI as a user runs it: a process, timed from start to exit, against the in-process sandbox
// (20 ms of latency per request) with the default flags. Part of `npm run bench` (scripts/bench.ts);
// `npm run bench -- --cli-only` runs only these, BENCH_NODE=/path/to/node measures on another Node and
// BENCH_BUNDLE=/path/to/op-reconcile.js measures another build (e.g. an older release).
import { execFile, execFileSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { loadavg, tmpdir } from "node:os"
import { join } from "node:path"
import { Console, Effect } from "effect"
import { CANONICAL_STATES } from "../../src/domain/states.js"
import { type RunningSandbox, startSandbox } from "../../src/sandbox/Sandbox.js"

const API_KEY = "bench-cli-sandbox-key"
const LATENCY_MS = 20
/** The bundle measured: the one built from these sources, or another for comparison (BENCH_BUNDLE=path). */
const OTHER_BUNDLE = process.env.BENCH_BUNDLE
const BUNDLE = OTHER_BUNDLE ?? "dist/op-reconcile.js"
/** The plan documents are kept here, so the printed commands reproduce each figure by hand. */
const DIR = ".tmp/bench"
const PORT = 8089
const sandboxLine = (source: string, drift: number) =>
  `node ${BUNDLE} sandbox --seed ${source} --drift ${drift} --latency-ms ${LATENCY_MS} --api-key k --port ${PORT} &`
const clientEnv = `env OPENPROJECT_URL=http://127.0.0.1:${PORT} OPENPROJECT_API_KEY=k`
/** The Node that runs the CLI: this one, or another for comparison (BENCH_NODE=/path/to/node). */
const NODE = process.env.BENCH_NODE ?? process.execPath
/**
 * GNU time (Debian's `time` package), when there, gives each run's CPU time (user + system) and peak RSS:
 * on a shared machine the CPU time is what this build costs, the wall time also measures the neighbours.
 */
const GNU_TIME = "/usr/bin/time"
const HAS_GNU_TIME = existsSync(GNU_TIME)
const timeOut = join(mkdtempSync(join(tmpdir(), "op-reconcile-bench-")), "time.txt")
process.on("exit", () => rmSync(timeOut, { force: true }))

export interface CliCase {
  readonly name: string
  /** The command that reproduces the figure (after `npm run build`; the sandbox line where one is needed). */
  readonly command: string
  readonly runs: number
  readonly medianMs: number
  readonly meanMs: number
  readonly minMs: number
  /** Median CPU time (user + system) and peak RSS, where GNU time is there. */
  readonly cpuMs?: number
  readonly rssMb?: number
  readonly requests?: string
  readonly target?: string
  readonly pass?: boolean
}

interface Timed {
  readonly ms: number
  readonly cpuMs?: number
  readonly rssMb?: number
  readonly code: number
  readonly stdout: string
}

/** GNU time's "%U %S %M" line: user and system seconds, peak RSS in KB. */
const readGnuTime = (): { readonly cpuMs?: number; readonly rssMb?: number } => {
  const line = readFileSync(timeOut, "utf8").trim().split("\n").at(-1) ?? ""
  const [user, system, rssKb] = line.split(" ").map(Number)
  return user === undefined || system === undefined || rssKb === undefined || [user, system, rssKb].some(Number.isNaN)
    ? {}
    : { cpuMs: (user + system) * 1000, rssMb: rssKb / 1024 }
}

const runOnce = (args: ReadonlyArray<string>, env: Readonly<Record<string, string>> = {}) =>
  Effect.async<Timed, Error>((resume) => {
    const [file, fileArgs] = HAS_GNU_TIME
      ? [GNU_TIME, ["-f", "%U %S %M", "-o", timeOut, NODE, ...args]]
      : [NODE, [...args]]
    const started = performance.now()
    execFile(
      file,
      fileArgs,
      { env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout) => {
        const ms = performance.now() - started
        const code = error === null ? 0 : typeof error.code === "number" ? error.code : -1
        resume(
          code < 0
            ? Effect.fail(error ?? new Error("no exit code"))
            : Effect.succeed({ ms, code, stdout, ...(HAS_GNU_TIME ? readGnuTime() : {}) })
        )
      }
    )
  })

const median = (values: ReadonlyArray<number>) => {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const summary = (runs: ReadonlyArray<Timed>) => {
  const times = runs.map((run) => run.ms)
  const cpu = runs.flatMap((run) => (run.cpuMs === undefined ? [] : [run.cpuMs]))
  const rss = runs.flatMap((run) => (run.rssMb === undefined ? [] : [run.rssMb]))
  return {
    runs: times.length,
    medianMs: median(times),
    meanMs: times.reduce((a, b) => a + b, 0) / times.length,
    minMs: Math.min(...times),
    ...(cpu.length === runs.length ? { cpuMs: median(cpu) } : {}),
    ...(rss.length === runs.length ? { rssMb: Math.max(...rss) } : {})
  }
}

const desiredStateOf = (i: number) => CANONICAL_STATES[i % CANONICAL_STATES.length] ?? "New"
const otherStateOf = (i: number) => CANONICAL_STATES[(i + 1) % CANONICAL_STATES.length] ?? "New"

const planDocument = (rows: number) => {
  const lines = ["# Bench plan", "", "| Track | Phase | GH issue / OP wp | Status |", "| --- | --- | --- | --- |"]
  for (let i = 0; i < rows; i++) lines.push(`| Track ${i + 1} | bench | OP wp#${i + 1} | **${desiredStateOf(i)}** |`)
  return `${lines.join("\n")}\n`
}

/** Work packages 1..rows, in the plan's state except the first `drifted`. */
const workPackages = (rows: number, drifted: number) =>
  Array.from({ length: rows }, (_, i) => ({
    id: i + 1,
    subject: `Story ${i + 1}`,
    status: i < drifted ? otherStateOf(i) : desiredStateOf(i)
  }))

const sandboxEnv = (sandbox: RunningSandbox) => ({ OPENPROJECT_URL: sandbox.url, OPENPROJECT_API_KEY: API_KEY })

const expectExit = (run: Timed, code: number, what: string) =>
  run.code === code ? Effect.void : Effect.dieMessage(`${what}: exit ${run.code}, expected ${code}`)

/** `node -e 0`, `--version` and `--help`, interleaved so that each sees the same machine. */
const startUp = (runs: number) =>
  Effect.gen(function* () {
    const forms = [
      ["-e", "0"],
      [BUNDLE, "--version"],
      [BUNDLE, "--help"]
    ] as const
    const times: Array<Array<Timed>> = forms.map(() => [])
    for (let warm = 0; warm < 3; warm++) for (const form of forms) yield* runOnce(form)
    for (let i = 0; i < runs; i++) {
      for (const [k, form] of forms.entries()) {
        const run = yield* runOnce(form)
        yield* expectExit(run, 0, form.join(" "))
        times[k]?.push(run)
      }
    }
    const [bare, version, help] = times.map((t) => summary(t))
    if (bare === undefined || version === undefined || help === undefined) return yield* Effect.dieMessage("no runs")
    const ratio = (c: typeof bare) => c.medianMs / bare.medianMs
    const cases: ReadonlyArray<CliCase> = [
      {
        name: "bare `node -e 0`",
        command: `hyperfine -N 'node -e 0' 'node ${BUNDLE} --version' 'node ${BUNDLE} --help'`,
        ...bare
      },
      {
        name: "`--version`",
        command: `node ${BUNDLE} --version`,
        ...version,
        target: `≤ 2× node -e 0 (${ratio(version).toFixed(2)}×)`,
        pass: ratio(version) <= 2
      },
      {
        name: "`--help`",
        command: `node ${BUNDLE} --help`,
        ...help,
        target: `≤ 2× node -e 0 (${ratio(help).toFixed(2)}×)`,
        pass: ratio(help) <= 2
      }
    ]
    return cases
  })

const validate100 = (dir: string, runs: number) =>
  Effect.gen(function* () {
    const source = join(dir, "plan-100.md")
    writeFileSync(source, planDocument(100))
    const args = [BUNDLE, "validate", "--source", source]
    for (let warm = 0; warm < 2; warm++) yield* runOnce(args)
    const times: Array<Timed> = []
    for (let i = 0; i < runs; i++) {
      const run = yield* runOnce(args)
      yield* expectExit(run, 0, "validate")
      times.push(run)
    }
    const s = summary(times)
    return {
      name: "`validate` of a 100-row table",
      command: `hyperfine -N 'node ${BUNDLE} validate --source ${source}'`,
      ...s,
      requests: "0",
      target: "≤ 250 ms",
      pass: s.medianMs <= 250
    } satisfies CliCase
  })

const dryRun1000 = (dir: string, runs: number) =>
  Effect.scoped(
    Effect.gen(function* () {
      const source = join(dir, "plan-1000.md")
      writeFileSync(source, planDocument(1000))
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        workPackages: workPackages(1000, 0),
        latencyMs: LATENCY_MS
      })
      const args = [BUNDLE, "reconcile", "--source", source, "--dry-run"]
      for (let warm = 0; warm < 2; warm++) yield* runOnce(args, sandboxEnv(sandbox))
      const times: Array<Timed> = []
      const requests = new Set<number>()
      for (let i = 0; i < runs; i++) {
        yield* sandbox.clearRequestLog
        const run = yield* runOnce(args, sandboxEnv(sandbox))
        yield* expectExit(run, 0, "dry-run")
        if (!run.stdout.includes("No changes.")) return yield* Effect.dieMessage("the dry-run found changes")
        times.push(run)
        requests.add(yield* sandbox.countRequests())
      }
      const s = summary(times)
      return {
        name: "dry-run, 1,000 rows in sync",
        command: `${sandboxLine(source, 0)} hyperfine -N '${clientEnv} node ${BUNDLE} reconcile --source ${source}'`,
        ...s,
        requests: [...requests].join("/"),
        target: "≤ 800 ms, 3 requests",
        pass: s.medianMs <= 800 && [...requests].every((n) => n === 3)
      } satisfies CliCase
    })
  )

const apply25 = (dir: string, runs: number) =>
  Effect.gen(function* () {
    const source = join(dir, "plan-100.md")
    writeFileSync(source, planDocument(100))
    const args = [BUNDLE, "reconcile", "--source", source, "--apply"]
    const times: Array<Timed> = []
    const requests = new Set<string>()
    for (let i = -1; i < runs; i++) {
      // a fresh sandbox each time: an apply leaves it in sync
      const run = yield* Effect.scoped(
        Effect.gen(function* () {
          const sandbox = yield* startSandbox({
            apiKey: API_KEY,
            workPackages: workPackages(100, 25),
            latencyMs: LATENCY_MS
          })
          const run = yield* runOnce(args, sandboxEnv(sandbox))
          yield* expectExit(run, 0, "apply")
          const log = yield* sandbox.requestLog
          const count = (method: string, path: RegExp) =>
            log.filter((entry) => entry.method === method && path.test(entry.path)).length
          const writes = count("PATCH", /^\/api\/v3\/work_packages\/\d+$/)
          const comments = count("POST", /^\/api\/v3\/work_packages\/\d+\/activities$/)
          const checks = count("POST", /^\/api\/v3\/work_packages\/\d+\/form$/)
          if (writes !== 25 || comments !== 25) {
            return yield* Effect.dieMessage(`apply sent ${writes} PATCHes and ${comments} comments, expected 25 each`)
          }
          // the reads: statuses, the collection, the causes (activities and users); the checks: one form each
          return {
            ...run,
            requests: `${log.length} (${writes + comments} writes, ${checks} workflow checks, ${log.length - writes - comments - checks} reads)`
          }
        })
      )
      if (i < 0) continue // warm-up
      times.push(run)
      requests.add(run.requests)
    }
    const s = summary(times)
    return {
      name: "apply of 25 changes in a 100-row table, default flags",
      // the sandbox's drift of 0.25 puts 25 of the 100 work packages in another state; an apply converges it,
      // so each timed run needs a new sandbox
      command: `${sandboxLine(source, 0.25)} time ${clientEnv} node ${BUNDLE} reconcile --source ${source} --apply`,
      ...s,
      requests: [...requests].join(", "),
      target: "≤ 1,000 ms",
      pass: s.medianMs <= 1000
    } satisfies CliCase
  })

const loadAverage = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ")

const formatMs = (ms: number) => Math.round(ms).toLocaleString("en-US")

/** Builds the CLI, runs every case, prints a table; returns the cases for the caller's summary. */
export const benchCliRuns = Effect.gen(function* () {
  yield* Console.log(
    `\nThe built CLI as a process (start to exit), Node ${execFileSync(NODE, ["--version"]).toString().trim()}:`
  )
  yield* Console.log(
    HAS_GNU_TIME
      ? `Each run under ${GNU_TIME} for its CPU time and peak RSS; load average ${loadAverage()} at the start.`
      : `No ${GNU_TIME} (Debian package: time): wall time only; load average ${loadAverage()} at the start.`
  )
  if (OTHER_BUNDLE === undefined) execFileSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" })
  else yield* Console.log(`Measuring ${OTHER_BUNDLE} (BENCH_BUNDLE), not a build of these sources.`)
  mkdirSync(DIR, { recursive: true })
  const cases: Array<CliCase> = [...(yield* startUp(20))]
  cases.push(yield* validate100(DIR, 10))
  cases.push(yield* dryRun1000(DIR, 7))
  cases.push(yield* apply25(DIR, 7))
  yield* Console.log(
    [
      "",
      "| case | runs | median | mean | min | CPU (user + sys), median | peak RSS | requests | target |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
      ...cases.map(
        (c) =>
          `| ${c.name} | ${c.runs} | ${formatMs(c.medianMs)} ms | ${formatMs(c.meanMs)} ms | ${formatMs(c.minMs)} ms | ` +
          `${c.cpuMs === undefined ? "" : `${formatMs(c.cpuMs)} ms`} | ` +
          `${c.rssMb === undefined ? "" : `${Math.round(c.rssMb)} MB`} | ` +
          `${c.requests ?? ""} | ${c.target === undefined ? "" : `${c.pass === true ? "PASS" : "FAIL"} ${c.target}`} |`
      ),
      ""
    ].join("\n")
  )
  yield* Console.log("Reproduce (after npm run build):")
  for (const c of cases) yield* Console.log(`  ${c.name}: ${c.command}`)
  yield* Console.log(`Load average at the end: ${loadAverage()}.`)
  return cases
})
