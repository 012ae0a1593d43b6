// The parse part of `npm run bench`: op-reconcile's reader against micromark's own table-only parse (the
// floor), on the same documents in one run, interleaved so that the machine's load hits both alike; then
// the processor time and peak memory of one parse, each in a fresh process.
import { execFileSync } from "node:child_process"
import { Console, Effect } from "effect"
import { PARSERS, type ParserName } from "./parsers.js"
import { planDocument } from "./planDocument.js"

const TIMED = [
  { rows: 1_000, repeats: 5 },
  { rows: 10_000, repeats: 3 }
] as const
const MEMORY_ROWS = [1_000, 10_000, 20_000, 40_000] as const
/** The fresh-process figures judged against the target: the 20,000-row table (3 MB). */
const JUDGED_ROWS = 20_000
const NAMES: ReadonlyArray<ParserName> = ["floor", "reader", "fullGfm"]
const LABELS: Record<ParserName, string> = {
  floor: "micromark + gfm-table (the floor)",
  reader: "op-reconcile's reader",
  fullGfm: "remark-parse + remark-gfm (before)"
}
/** The target: the reader within 1.3× the floor. */
const TARGET = 1.3

const median = (xs: ReadonlyArray<number>) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN
const ms = (x: number) => (x < 10 ? x.toFixed(1) : Math.round(x).toLocaleString("en-US"))

const timeAll = (rows: number, repeats: number) =>
  Effect.sync(() => {
    const text = planDocument(rows)
    const times: Record<ParserName, Array<number>> = { floor: [], reader: [], fullGfm: [] }
    for (let r = 0; r < repeats; r++) {
      for (const name of NAMES) {
        const start = performance.now()
        PARSERS[name](text)
        times[name].push(performance.now() - start)
      }
    }
    return {
      rows,
      bytes: Buffer.byteLength(text),
      medians: Object.fromEntries(NAMES.map((n) => [n, median(times[n])]))
    }
  })

interface OneParse {
  readonly cpuMs: number
  readonly maxRssMb: number
}

const oneParse = (name: ParserName, rows: number) =>
  Effect.sync((): OneParse => {
    const out = execFileSync(process.execPath, ["--import", "tsx", "scripts/bench/parseOnce.ts", name, String(rows)], {
      encoding: "utf8",
      maxBuffer: 1024 * 1024
    })
    const parsed: unknown = JSON.parse(out)
    if (typeof parsed !== "object" || parsed === null) return { cpuMs: Number.NaN, maxRssMb: Number.NaN }
    return {
      cpuMs: "cpuMs" in parsed && typeof parsed.cpuMs === "number" ? parsed.cpuMs : Number.NaN,
      maxRssMb: "maxRssMb" in parsed && typeof parsed.maxRssMb === "number" ? parsed.maxRssMb : Number.NaN
    }
  })

export const benchParse = Effect.gen(function* () {
  yield* Console.log("\nParse: the same plan documents read by each parser, interleaved; median wall time.")
  yield* timeAll(200, 2) // warm-up (JIT), not reported
  const rowsOut: Array<string> = []
  const verdicts: Array<string> = []
  for (const { rows, repeats } of TIMED) {
    const { bytes, medians } = yield* timeAll(rows, repeats)
    const floor = medians.floor ?? Number.NaN
    const reader = medians.reader ?? Number.NaN
    rowsOut.push(
      `| ${rows.toLocaleString("en-US")} rows (${(bytes / 1e6).toFixed(2)} MB) | ${NAMES.map((n) => `${ms(medians[n] ?? Number.NaN)} ms`).join(" | ")} | ${(reader / floor).toFixed(2)}× |`
    )
    verdicts.push(
      `  ${reader / floor <= TARGET ? "PASS" : "FAIL"} reader within ${TARGET}× the floor at ${rows.toLocaleString("en-US")} rows: ${(reader / floor).toFixed(2)}×`
    )
  }
  yield* Console.log(
    [
      `| document | ${NAMES.map((n) => LABELS[n]).join(" | ")} | reader ÷ floor |`,
      "| --- | ---: | ---: | ---: | ---: |",
      ...rowsOut
    ].join("\n")
  )
  yield* Console.log(
    "\nOne parse in a fresh process each, the floor and the reader in turn: processor time of the parse\n" +
      "(user + system) and peak RSS of the process (node + tsx + the parser, the document included):"
  )
  const memoryRows: Array<string> = []
  for (const rows of MEMORY_ROWS) {
    const floor = yield* oneParse("floor", rows)
    const reader = yield* oneParse("reader", rows)
    const time = reader.cpuMs / floor.cpuMs
    const memory = reader.maxRssMb / floor.maxRssMb
    memoryRows.push(
      `| ${rows.toLocaleString("en-US")} rows | ${ms(floor.cpuMs)} ms | ${ms(reader.cpuMs)} ms | ${time.toFixed(2)}× | ` +
        `${Math.round(floor.maxRssMb)} MB | ${Math.round(reader.maxRssMb)} MB | ${memory.toFixed(2)}× |`
    )
    if (rows === JUDGED_ROWS) {
      for (const [what, ratio] of [
        ["processor time", time],
        ["peak RSS", memory]
      ] as const) {
        verdicts.push(
          `  ${ratio <= TARGET ? "PASS" : "FAIL"} reader within ${TARGET}× the floor's ${what} at ${rows.toLocaleString("en-US")} rows, fresh process: ${ratio.toFixed(2)}×`
        )
      }
    }
  }
  yield* Console.log(
    [
      "| document | floor CPU | reader CPU | ÷ | floor peak RSS | reader peak RSS | ÷ |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...memoryRows
    ].join("\n")
  )
  yield* Console.log(`\nParse targets:\n${verdicts.join("\n")}`)
})
