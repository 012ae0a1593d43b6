import { existsSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { Worker } from "node:worker_threads"
import type { Vocabulary } from "../domain/vocabulary.js"
import { parseTimeBudgetMs, READER_LIMITS } from "./readerLimits.js"
import type { TableSpec } from "./TableSpec.js"

/** How a parse in the worker ended. */
export type ParseOutcome =
  | { readonly _tag: "Answered"; readonly answer: unknown }
  /** Stopped: the process used more processor time than the document's budget while the worker parsed. */
  | { readonly _tag: "OverTime"; readonly budgetMs: number }
  /** The worker's heap cap was reached. */
  | { readonly _tag: "OutOfMemory" }
  /** The worker failed or ended without an answer: a bug, not the document's fault. */
  | { readonly _tag: "Failed"; readonly error: unknown }

/** Which table of the parsed document to read, and how (plain data: it crosses to the worker by structured clone). */
export interface ReadRequest {
  /** The document's name in messages. */
  readonly file: string
  readonly spec: TableSpec
  readonly vocabulary: Vocabulary
}

/**
 * One document's parse in a worker thread of its own: the parse starts at once, the reading of its table
 * when `read` says which (the worker answers then).
 */
export interface ParseJob {
  /** The text being parsed. */
  readonly text: string
  /**
   * Which table to read; the answer follows. `ahead` is given each message the worker sends before it
   * (rows of the table sent ahead while the parse goes on, parseWorker/messages.ts).
   */
  readonly read: (request: ReadRequest, ahead?: (message: unknown) => void) => void
  /** Settles once, never rejects; answered only after `read`. */
  readonly outcome: Promise<ParseOutcome>
  /** From now on the running parse keeps the process alive (someone waits for it). */
  readonly hold: () => void
  /** Ends the worker if it still runs. */
  readonly stop: () => Promise<void>
}

/** Starts a parse of `text`; the CLI's is `startParseJob` with the bundle's worker, tests give their own. */
export type StartParse = (text: string, options?: { readonly held: boolean }) => ParseJob

/** How often the processor time of the parse is looked at. */
const CPU_POLL_MS = 100

/** Processor time the process has used since `start`, in ms. */
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

const isOutOfMemory = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && error.code === "ERR_WORKER_OUT_OF_MEMORY"

// Only the tag is looked at here: the message itself is decoded by who reads it (parseInWorker.ts).
const isSentAhead = (message: unknown) =>
  typeof message === "object" && message !== null && "_tag" in message && message._tag === "RowsAhead"

/**
 * Parses `text` in a worker thread running `script` (the bundle's parse-worker.js). The main thread stays
 * free while the parser works, so signals are answered at once (`stop` ends the worker); the worker's heap
 * is capped and the parse has a budget of processor time for its size (readerLimits.ts), counted for the
 * whole process from the start of the parse, so no document can hang the run or exhaust the machine.
 * Without `held`, the parse does not keep the process alive until `hold` is called: a parse started
 * before it is known to be needed (earlyParse.ts) never delays the end of a run that does not use it.
 */
export const startParseJob = (script: URL, text: string, options = { held: true }): ParseJob => {
  const budgetMs = parseTimeBudgetMs(Buffer.byteLength(text, "utf8"))
  const cpuAtStart = process.cpuUsage()
  const worker = new Worker(script, {
    workerData: text,
    resourceLimits: { maxOldGenerationSizeMb: READER_LIMITS.maxHeapMb },
    stdout: true,
    stderr: true
  })
  let settled = false
  let resolve: (outcome: ParseOutcome) => void = () => {}
  const outcome = new Promise<ParseOutcome>((r) => {
    resolve = r
  })
  const settle = (result: ParseOutcome) => {
    if (settled) return
    settled = true
    clearInterval(cpuWatch)
    resolve(result)
  }
  const cpuWatch = setInterval(() => {
    if (cpuMsSince(cpuAtStart) > budgetMs) {
      settle({ _tag: "OverTime", budgetMs })
      void worker.terminate()
    }
  }, CPU_POLL_MS)
  let ahead: (message: unknown) => void = () => {}
  worker.on("message", (message: unknown) => {
    if (isSentAhead(message)) ahead(message)
    else settle({ _tag: "Answered", answer: message })
  })
  worker.once("error", (error) => settle(isOutOfMemory(error) ? { _tag: "OutOfMemory" } : { _tag: "Failed", error }))
  worker.once("exit", (code) =>
    settle({ _tag: "Failed", error: new Error(`the parse worker ended (exit code ${code}) without an answer`) })
  )
  const hold = () => {
    worker.ref()
    cpuWatch.ref()
  }
  if (!options.held) {
    worker.unref()
    cpuWatch.unref()
  }
  return {
    text,
    read: (request, onAhead) => {
      if (onAhead !== undefined) ahead = onAhead
      if (!settled) worker.postMessage(request)
    },
    outcome,
    hold,
    stop: () => {
      clearInterval(cpuWatch)
      return worker.terminate().then(() => undefined)
    }
  }
}

/**
 * Parses in the worker script at `script`, if it is there: the bundle has dist/parse-worker.js, a run from
 * the sources (`npm run dev`) has none and parses every document in its own thread.
 */
export const parseWorkerAt = (script: URL): StartParse | undefined =>
  existsSync(fileURLToPath(script)) ? (text, options) => startParseJob(script, text, options) : undefined
