import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { NodeContext } from "@effect/platform-node"
import { afterAll, describe, expect, it } from "@effect/vitest"
import { Effect, Either } from "effect"
import { DesiredStateParser } from "../../src/desired/DesiredStateParser.js"
import { earlyParseMinBytes, earlyPlanPath, startEarlyParse, takeEarlyParse } from "../../src/desired/earlyParse.js"
import { documentTablesGuarded } from "../../src/desired/parseDesiredState/documentTables.js"
import { parseDesiredState } from "../../src/desired/parseDesiredState.js"
import type { ParseJob, ParseOutcome, ReadRequest, StartParse } from "../../src/desired/parseJob.js"
import { streamedReading } from "../../src/desired/parseWorker/streamedReading.js"
import { readDesiredState } from "../../src/desired/readDesiredState.js"
import { READER_LIMITS } from "../../src/desired/readerLimits.js"
import { plainTable } from "../hostile/corpus.js"

const dir = mkdtempSync(join(tmpdir(), "op-reconcile-early-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * The parse worker's part, run in this thread (the worker itself runs in the end-to-end tests): each job
 * answers what the worker answers once it is told which table to read, and the test sees how many parses
 * were started and which were stopped.
 */
const countingParser = (
  outcomeOf: (text: string, request: ReadRequest, ahead: (message: unknown) => void) => ParseOutcome = (
    text,
    request,
    ahead
  ) => {
    // Told the request before it parses, the worker sends the long table's rows ahead as it reads them.
    const stream = streamedReading((message) => ahead(structuredClone(message)))
    stream.requested(request)
    const answer = stream.answer(documentTablesGuarded(text, stream.onSlice), request)
    return { _tag: "Answered", answer: structuredClone(answer) }
  }
) => {
  const started: Array<{ readonly text: string; readonly held: boolean }> = []
  const stopped: Array<string> = []
  const start: StartParse = (text, options = { held: true }): ParseJob => {
    started.push({ text, held: options.held })
    let answer: (outcome: ParseOutcome) => void = () => {}
    const outcome = new Promise<ParseOutcome>((resolve) => {
      answer = resolve
    })
    return {
      text,
      read: (request, ahead = () => {}) => answer(outcomeOf(text, request, ahead)),
      outcome,
      hold: () => {},
      stop: () => {
        stopped.push(text)
        return Promise.resolve()
      }
    }
  }
  return { start, started, stopped }
}

const write = (name: string, text: string | Uint8Array) => {
  const path = join(dir, name)
  writeFileSync(path, text)
  return path
}

/** The reader as the CLI runs it, with `start` for its worker. */
const read = (path: string, start: StartParse) =>
  readDesiredState(path).pipe(
    Effect.provideService(DesiredStateParser, DesiredStateParser.bounded(start)),
    Effect.provide(NodeContext.layer)
  )

const LONG_TABLE = plainTable(300)

describe("the plan the command line names for certain", () => {
  it("is --source's (or -s's, or --source='s) file of a command that reads plans", () => {
    expect(earlyPlanPath(["reconcile", "--source", "plan.md"])).toBe("plan.md")
    expect(earlyPlanPath(["validate", "-s", "docs/plan.md", "--strict"])).toBe("docs/plan.md")
    expect(earlyPlanPath(["status", "--format", "json", "--source=plan.md"])).toBe("plan.md")
    expect(earlyPlanPath(["reconcile", "--dry-run", "--source", "plan.md", "--log-level", "debug"])).toBe("plan.md")
  })

  it("is none when it is not certain: another command, a config, two sources, help, or no file named", () => {
    for (const args of [
      [],
      ["init", "--source", "plan.md"],
      ["sandbox", "--seed", "plan.md"],
      ["--source", "plan.md", "validate"],
      ["validate"],
      ["validate", "--config", "op-reconcile.yml"],
      ["validate", "--source", "plan.md", "--config=op-reconcile.yml"],
      ["validate", "--source", "a.md", "--source", "b.md"],
      ["validate", "--source", "plan.md", "--help"],
      ["validate", "--source", "plan.md", "-h"],
      ["validate", "--source"],
      ["validate", "--source", ""],
      ["validate", "--source", "--strict"],
      ["validate", "--", "--source", "plan.md"]
    ]) {
      expect(earlyPlanPath(args), args.join(" ")).toBeUndefined()
    }
  })
})

describe("the parse started with the process", () => {
  it.effect("is the reader's only parse of that document, and reads what a parse in this thread reads", () =>
    Effect.gen(function* () {
      const path = write("long.md", LONG_TABLE)
      const parser = countingParser()
      startEarlyParse(["validate", "--source", path], parser.start)
      expect(parser.started).toEqual([{ text: LONG_TABLE, held: false }])
      const doc = yield* read(path, parser.start)
      expect(parser.started.length).toBe(1)
      expect(parser.stopped).toEqual([])
      expect(Either.getOrThrow(parseDesiredState(LONG_TABLE, path))).toEqual(doc.desired)
      expect(doc.desired.rows.length).toBe(300)
    })
  )

  it.effect("is dropped when the file changed before the reader read it: the reader parses what it read", () =>
    Effect.gen(function* () {
      const path = write("changing.md", LONG_TABLE)
      const parser = countingParser()
      startEarlyParse(["reconcile", "--source", path], parser.start)
      appendFileSync(path, "| 301 — one more | phase 0 | OP wp#301 | **New** |\n")
      const doc = yield* read(path, parser.start)
      expect(parser.started.map((s) => s.text === LONG_TABLE)).toEqual([true, false])
      expect(parser.stopped).toEqual([LONG_TABLE])
      expect(doc.desired.rows.map((r) => r.workPackageId).at(-1)).toBe(301)
    })
  )

  it.effect("is dropped when the reader reads another path, and is taken once only", () =>
    Effect.gen(function* () {
      const path = write("first.md", LONG_TABLE)
      const other = write("second.md", LONG_TABLE)
      const parser = countingParser()
      startEarlyParse(["validate", "--source", path], parser.start)
      yield* read(other, parser.start)
      yield* read(path, parser.start)
      expect(parser.started.length).toBe(3)
      expect(parser.stopped).toEqual([LONG_TABLE])
      expect(takeEarlyParse(path, LONG_TABLE)).toBeUndefined()
    })
  )

  it("is not started for a document of a few rows, nor for what is not a plan file", () => {
    const small = write("small.md", plainTable(3))
    expect(Buffer.byteLength(plainTable(3))).toBeLessThan(READER_LIMITS.earlyParseMinBytes)
    const parser = countingParser()
    startEarlyParse(["validate", "--source", small], parser.start)
    startEarlyParse(["validate", "--source", small], parser.start, 1)
    startEarlyParse(["validate", "--source", dir], parser.start)
    startEarlyParse(["validate", "--source", join(dir, "missing.md")], parser.start)
    startEarlyParse(["validate", "--source", write("nul.md", `${LONG_TABLE}\u0000`)], parser.start)
    startEarlyParse(
      ["validate", "--source", write("latin1.md", Buffer.from(`${LONG_TABLE}\xe9`, "latin1"))],
      parser.start
    )
    expect(parser.started).toEqual([])
  })

  it.effect("with a second core, is started for a table of a hundred rows, and is that run's only parse", () =>
    Effect.gen(function* () {
      const text = plainTable(100)
      expect(Buffer.byteLength(text)).toBeGreaterThanOrEqual(READER_LIMITS.earlyParseMinBytes)
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(READER_LIMITS.inThreadMaxBytes)
      const path = write("hundred.md", text)
      const parser = countingParser()
      startEarlyParse(["validate", "--source", path], parser.start, 2)
      expect(parser.started).toEqual([{ text, held: false }])
      const doc = yield* read(path, parser.start)
      expect(parser.started.length).toBe(1)
      expect(parser.stopped).toEqual([])
      expect(Either.getOrThrow(parseDesiredState(text, path))).toEqual(doc.desired)
    })
  )

  it("on one core, is started only for a document the reader would parse in the worker anyway", () => {
    const parser = countingParser()
    startEarlyParse(["validate", "--source", write("hundred-one-core.md", plainTable(100))], parser.start, 1)
    expect(parser.started).toEqual([])
    startEarlyParse(["validate", "--source", write("long-one-core.md", LONG_TABLE)], parser.start, 1)
    expect(parser.started.map((s) => s.text)).toEqual([LONG_TABLE])
    expect(Buffer.byteLength(LONG_TABLE)).toBeGreaterThan(READER_LIMITS.inThreadMaxBytes)
    expect(earlyParseMinBytes(1)).toBe(READER_LIMITS.inThreadMaxBytes + 1)
    expect(earlyParseMinBytes(2)).toBe(READER_LIMITS.earlyParseMinBytes)
  })

  it.effect("refused for its time budget is the reader's refusal, as a parse started later would be", () =>
    Effect.gen(function* () {
      const path = write("slow.md", LONG_TABLE)
      const parser = countingParser(() => ({ _tag: "OverTime", budgetMs: 9_500 }))
      startEarlyParse(["validate", "--source", path], parser.start)
      const error = yield* Effect.flip(read(path, parser.start))
      expect(parser.started.length).toBe(1)
      expect(error._tag === "DocumentRefused" && [error.limit, error.file]).toEqual(["time", path])
      expect(error.message).toContain("the parse was stopped after 9.5 s of processor time")
    })
  )
})
