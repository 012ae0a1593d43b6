import { Worker } from "node:worker_threads"
import { Duration, Effect, Schema } from "effect"
import type { DesiredState } from "../domain/desired.js"
import { DocumentRefused } from "../domain/errors.js"
import type { ParseError } from "./DesiredStateParser.js"
import { ParseAnswer, ParseRequest } from "./parseWorker/protocol.js"
import { READER_LIMITS } from "./readerLimits.js"

const decodeAnswer = Schema.decodeUnknown(ParseAnswer)
const encodeRequest = Schema.encodeSync(ParseRequest)

const refused = (file: string, limit: "time" | "memory") =>
  new DocumentRefused({
    file,
    limit,
    found:
      limit === "time"
        ? `reading it took longer than ${READER_LIMITS.timeLimitMs / 1000} s`
        : `reading it needed more than ${READER_LIMITS.maxHeapMb.toLocaleString("en-US")} MB`,
    bound:
      limit === "time"
        ? `${READER_LIMITS.timeLimitMs / 1000} s`
        : `${READER_LIMITS.maxHeapMb.toLocaleString("en-US")} MB of heap`
  })

const isOutOfMemory = (error: unknown) =>
  typeof error === "object" && error !== null && "code" in error && error.code === "ERR_WORKER_OUT_OF_MEMORY"

/**
 * Parses in a worker thread. The main thread stays free while the parser works, so SIGINT and SIGTERM are
 * answered at once (interrupting this effect terminates the worker); the worker's heap is capped and the
 * parse has a time limit, so no document can hang the run or exhaust the machine.
 */
export const parseInWorker = (script: URL, request: ParseRequest): Effect.Effect<DesiredState, ParseError> => {
  const file = request.file
  return Effect.async<unknown, DocumentRefused>((resume) => {
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
      resume(effect)
    }
    worker.once("message", (message: unknown) => settle(Effect.succeed(message)))
    worker.once("error", (error) =>
      settle(isOutOfMemory(error) ? Effect.fail(refused(file, "memory")) : Effect.die(error))
    )
    worker.once("exit", (code) =>
      settle(Effect.dieMessage(`the parse worker ended (exit code ${code}) without an answer`))
    )
    return Effect.promise(() => worker.terminate())
  }).pipe(
    Effect.timeoutFail({
      duration: Duration.millis(READER_LIMITS.timeLimitMs),
      onTimeout: () => refused(file, "time")
    }),
    // Our own worker's answer always decodes; a failure here would be a bug, not a user error.
    Effect.flatMap((message) => Effect.orDie(decodeAnswer(message))),
    Effect.flatten
  )
}
