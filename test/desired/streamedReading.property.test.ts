import { fc, test } from "@fast-check/vitest"
import { Either, Schema } from "effect"
import { afterEach, describe, expect, it } from "vitest"
import { desiredStateFrom } from "../../src/desired/desiredStateFrom.js"
import type { DocumentTables } from "../../src/desired/parseDesiredState/documentTables.js"
import { markdownTables } from "../../src/desired/parseDesiredState/markdownTables.js"
import type { Slicing } from "../../src/desired/parseDesiredState/tableSlices.js"
import {
  type Answer,
  NEXT_ROW_IN_FULL,
  type RowsAhead as RowsAheadMessage
} from "../../src/desired/parseWorker/messages.js"
import { RowsAhead, readingOf, WorkerAnswer } from "../../src/desired/parseWorker/protocol.js"
import { type StreamRequest, streamedReading } from "../../src/desired/parseWorker/streamedReading.js"
import { DEFAULT_TABLE_SPEC } from "../../src/desired/TableSpec.js"
import type { DesiredRow } from "../../src/domain/desired.js"
import { DEFAULT_VOCABULARY } from "../../src/domain/vocabulary.js"
import { plainTable } from "../hostile/corpus.js"

// The parse worker sends the tracking table's rows ahead as the slices of a long table are read, and then
// names them by line in its answer (parseWorker/streamedReading.ts); the main thread decodes each message
// (parseWorker/protocol.ts). Whenever the read request comes, what the main thread ends up with must be
// the reading of the same document in one thread: the same rows, skipped rows, duplicates, conflicts and
// errors, with the same lines.

const REQUEST: StreamRequest = { file: "plan.md", spec: DEFAULT_TABLE_SPEC, vocabulary: DEFAULT_VOCABULARY }
const decodeAhead = Schema.decodeUnknownSync(RowsAhead)
const decodeAnswer = Schema.decodeUnknownSync(WorkerAnswer)

/** What the worker posts for `text`, with the request told after `askAfter` slices (or after the parse). */
const workerRun = (text: string, slicing: Slicing, askAfter: number) => {
  const posted: Array<RowsAheadMessage> = []
  const stream = streamedReading((message) => posted.push(structuredClone(message)))
  let slices = 0
  const tables = markdownTables(text, undefined, slicing, (all, table, rows) => {
    if (slices === askAfter) stream.requested(REQUEST)
    slices += 1
    stream.onSlice(all, table, rows)
  })
  const parsed: DocumentTables = { _tag: "Tables", tables }
  stream.requested(REQUEST)
  const answer: Answer = structuredClone(stream.answer(parsed, REQUEST))
  return { parsed, posted, answer, slices }
}

/** The main thread's side: each message decoded, the rows sent ahead by line, the answer's rows resolved. */
const mainThreadReading = (posted: ReadonlyArray<unknown>, answer: unknown) => {
  const ahead = new Map<number, DesiredRow>()
  for (const message of posted) for (const row of decodeAhead(message).rows) ahead.set(row.line, row)
  return readingOf(decodeAnswer(answer), ahead)
}

const inOneThread = (parsed: DocumentTables) => desiredStateFrom(parsed, REQUEST.file, REQUEST.spec, REQUEST.vocabulary)

const HEADER = ["| Track | Phase | GH issue / OP wp | Status |", "| --- | --- | --- | --- |"]
// Rows of a tracking table: work packages that repeat (duplicates and conflicts), states that are and are
// not words of the vocabulary, cells without a bold state or a reference, and lines that end a table or
// make the slices fall back to a parse of the document whole.
const trackingRow = fc
  .tuple(
    fc.integer({ min: 1, max: 60 }),
    fc.constantFrom(
      "**New**",
      "**In progress** — note",
      "**Closed** (blocked)",
      "**in-progress**",
      "plain",
      "**Nope**"
    ),
    fc.constantFrom("wp#", "wp#", "wp#", "OP wp#", "#", "wp#1 wp#"),
    fc.constantFrom("T", "`a|b`", "[x][ref]", "")
  )
  .map(([id, status, ref, label]) => `| ${label} | p | ${ref}${id} | ${status} |`)
// A row that repeats an earlier one (a duplicate of it, or a conflict when the states differ).
const otherLine = fc.constantFrom(
  "",
  "prose",
  "> | quoted |",
  "- | listed |",
  "```",
  "## Plan",
  "[ref]: https://r.example"
)
const table = fc
  .array(fc.oneof({ weight: 12, arbitrary: trackingRow }, otherLine), { minLength: 5, maxLength: 40 })
  .chain((rows) =>
    fc
      .array(fc.nat({ max: Math.max(rows.length - 1, 0) }), { maxLength: 2 })
      .map((repeats) => [...HEADER, ...rows, ...repeats.map((i) => rows[i] ?? "")])
  )
const markdownDocument = fc
  .tuple(
    fc.array(otherLine, { maxLength: 3 }),
    table,
    fc.oneof({ weight: 4, arbitrary: fc.array(otherLine, { maxLength: 3 }) }, table),
    fc.constantFrom("\n", "\r\n")
  )
  .map(([before, first, after, eol]) => `${[...before, ...first, "", ...after].join(eol)}${eol}`)
const slicing = fc.record({ minRun: fc.integer({ min: 5, max: 8 }), rowsPerSlice: fc.integer({ min: 1, max: 4 }) })

// The tests here parse without a pause: let the test runner's messages through between them.
const breathe = () => new Promise((resolve) => setImmediate(resolve))

describe("the tracking table's rows sent ahead by the parse worker", () => {
  afterEach(breathe)

  test.prop([markdownDocument, slicing, fc.integer({ min: 0, max: 12 })], { numRuns: 150 })(
    "read as the document reads in one thread, whenever the request comes",
    (text, s, askAfter) => {
      const { parsed, posted, answer } = workerRun(text, s, askAfter)
      expect(mainThreadReading(posted, answer)).toEqual(Either.right(inOneThread(parsed)))
    },
    120_000
  )

  it("are sent slice by slice and only named in the answer, when the request comes before the parse ends", () => {
    const text = plainTable(300)
    const { posted, answer, slices } = workerRun(text, { minRun: 200, rowsPerSlice: 50 }, 2)
    expect(slices).toBe(6)
    // Slices read before the request are sent together when it comes, each later one on its own.
    expect(posted.map((m) => m.rows.length)).toEqual([100, 50, 50, 50, 48])
    const right = answer.reading._tag === "Right" ? answer.reading.right : undefined
    expect(right?.layout).toHaveLength(300)
    // Only the rows the skeleton keeps (the table's first and last) are sent in full.
    expect(right?.rows.map((row) => row.line)).toEqual([5, 304])
    expect([...(right?.layout ?? [])].filter((line) => line === NEXT_ROW_IN_FULL)).toHaveLength(2)
  })

  it("read before the request are sent at once when it comes", () => {
    const { posted, answer } = workerRun(plainTable(300), { minRun: 200, rowsPerSlice: 50 }, Number.MAX_SAFE_INTEGER)
    expect(posted.map((m) => m.rows.length)).toEqual([298])
    expect(answer.reading._tag === "Right" && answer.reading.right.rows).toHaveLength(2)
  })

  it("are not sent to a worker asked only once the parse is done: its answer carries every row", () => {
    const posted: Array<RowsAheadMessage> = []
    const stream = streamedReading((message) => posted.push(message))
    const tables = markdownTables(plainTable(300), undefined, { minRun: 200, rowsPerSlice: 50 }, stream.onSlice)
    const parsed: DocumentTables = { _tag: "Tables", tables }
    const answer = stream.answer(parsed, REQUEST)
    expect(posted).toEqual([])
    expect(answer.reading._tag === "Right" && answer.reading.right.rows).toHaveLength(300)
    expect(mainThreadReading([], answer)).toEqual(Either.right(inOneThread(parsed)))
  })

  it("are never sent for a table that is not the tracking table", () => {
    const text = plainTable(300).replace("| Status |", "| State |")
    const { posted, answer } = workerRun(text, { minRun: 200, rowsPerSlice: 50 }, 0)
    expect(posted).toEqual([])
    expect(answer.reading._tag).toBe("Left")
  })

  it("an answer naming a line whose row was not sent is a defect the main thread reports, not a reading", () => {
    const { posted, answer } = workerRun(plainTable(300), { minRun: 200, rowsPerSlice: 50 }, 0)
    const reading = mainThreadReading(posted.slice(1), answer)
    expect(Either.isLeft(reading) && reading.left.message).toContain("no row sent at line 6")
  })

  it("an answer with rows in full that its layout does not name is a defect too", () => {
    const { posted, answer } = workerRun(plainTable(300), { minRun: 200, rowsPerSlice: 50 }, 0)
    if (answer.reading._tag !== "Right") throw new Error("the plain table reads")
    const short = { ...answer, reading: { ...answer.reading, right: { ...answer.reading.right, rows: [] } } }
    const long = {
      ...answer,
      reading: {
        ...answer.reading,
        right: { ...answer.reading.right, layout: answer.reading.right.layout.map(() => 6) }
      }
    }
    const message = (reading: ReturnType<typeof mainThreadReading>) => Either.isLeft(reading) && reading.left.message
    expect(message(mainThreadReading(posted, short))).toContain("fewer rows in full than named")
    expect(message(mainThreadReading(posted, long))).toContain("more rows in full than named")
  })
})
