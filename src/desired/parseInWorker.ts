import { Worker } from "node:worker_threads"
import { Effect, Schema } from "effect"
import type { DesiredState } from "../domain/desired.js"
import { DocumentRefused } from "../domain/errors.js"
import type { ParseError } from "./DesiredStateParser.js"
import { ParseAnswer, ParseRequest } from "./parseWorker/protocol.js"
import { parseTimeBudgetMs, READER_LIMITS } from "./readerLimits.js"

const decodeAnswer = Schema.decodeUnknown(ParseAnswer)
const encodeRequest = Schema.encodeSync(ParseRequest)

const seconds = (ms: number) => `${(ms / 1000).toLocaleString("en-US", { maximumFractionDigits: 1 })} s`

const refusedForTime = (file: string, budgetMs: number) =>
  new DocumentRefused({
    file,
    limit: "time",
    found: `the parse was stopped after ${seconds(budgetMs)} of processor time`,
    bound: `${seconds(budgetMs)} of processor time for a document of this size`
  })

const refusedForMemory = (file: string) =>
  new DocumentRefused({
    file,
    limit: "memory",
    found: `reading it needed more than ${READER_LIMITS.maxHeapMb.toLocaleString("en-US")} MB`,
    bound: `${READER_LIMITS.maxHeapMb.toLocaleString("en-US")} MB of heap`
  })

/** How often the processor time of the parse is looked at. */
const CPU_POLL_MS = 100

/** Processor time the process has used since `start`, in ms (the main thread idles while the worker parses). */
const cpuMsSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1000
}

const isOutOfMemory = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && error.code === "ERR_WORKER_OUT_OF_MEMORY"

/**
 * Parses in a worker thread. The main thread stays free while the parser works, so SIGINT and SIGTERM are
 * answered at once (interrupting this effect terminates the worker); the worker's heap is capped and the
 * parse has a budget of processor time for its size, so no document can hang the run or exhaust the machine.
 */
export const parseInWorker = (script: URL, request: ParseRequest): Effect.Effect<DesiredState, ParseError> => {
  const file = request.file
  const budgetMs = parseTimeBudgetMs(Buffer.byteLength(request.text, "utf8"))
  return Effect.async<unknown, DocumentRefused>((resume) => {
    const cpuAtStart = process.cpuUsage()
    const worker = new Worker(script, {
      // Maps do not survive every transport the same way; the request crosses as its encoded form.
      workerData: encodeRequest(request),
      resourceLimits: { maxOldGenerationSizeMb: READER_LIMITS.maxHeapMb },
      stdout: true,
      stderr: true
    })
    let settled = false
    const settle = (effect: Effect.Effect<unknown, DocumentRefused>) => {
      if (settled) return
      settled = true
      clearInterval(cpuWatch)
      resume(effect)
    }
    const cpuWatch = setInterval(() => {
      if (cpuMsSince(cpuAtStart) > budgetMs) {
        settle(Effect.fail(refusedForTime(file, budgetMs)))
        void worker.terminate()
      }
    }, CPU_POLL_MS)
    worker.once("message", (message: unknown) => settle(Effect.succeed(message)))
    worker.once("error", (error) =>
      settle(isOutOfMemory(error) ? Effect.fail(refusedForMemory(file)) : Effect.die(error))
    )
    worker.once("exit", (code) =>
      settle(Effect.dieMessage(`the parse worker ended (exit code ${code}) without an answer`))
    )
    return Effect.promise(() => {
      clearInterval(cpuWatch)
      return worker.terminate()
    })
  }).pipe(
    // Our own worker's answer always decodes; a failure here would be a bug, not a user error.
    Effect.flatMap((message) => Effect.orDie(decodeAnswer(message))),
    Effect.flatten
  )
}
