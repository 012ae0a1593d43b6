import { Effect, Either, Schema } from "effect"
import type { DesiredRow, DesiredState } from "../domain/desired.js"
import { DocumentRefused } from "../domain/errors.js"
import type { ParseError } from "./DesiredStateParser.js"
import type { ParseJob, ParseOutcome, ReadRequest } from "./parseJob.js"
import { RowsAhead, readingOf as readingOfAnswer, WorkerAnswer } from "./parseWorker/protocol.js"
import { READER_LIMITS } from "./readerLimits.js"

const decodeAnswer = Schema.decodeUnknown(WorkerAnswer)
const decodeAhead = Schema.decodeUnknownEither(RowsAhead)

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

/** The rows the worker sends ahead, decoded as they come (while the worker still parses), by line. */
const rowsAhead = () => {
  const rows = new Map<number, DesiredRow>()
  let undecodable: unknown
  return {
    rows,
    take: (message: unknown) => {
      const decoded = decodeAhead(message)
      if (Either.isLeft(decoded)) undecodable ??= decoded.left
      else for (const row of decoded.right.rows) rows.set(row.line, row)
    },
    undecodable: () => undecodable
  }
}

const readingOf = (
  file: string,
  outcome: ParseOutcome,
  ahead: ReturnType<typeof rowsAhead>
): Effect.Effect<DesiredState, ParseError> => {
  switch (outcome._tag) {
    case "Answered": {
      // Our own worker's messages always decode; a failure here would be a bug, not a user error.
      const undecodable = ahead.undecodable()
      if (undecodable !== undefined) return Effect.die(undecodable)
      return decodeAnswer(outcome.answer).pipe(
        Effect.flatMap((answer) => readingOfAnswer(answer, ahead.rows)),
        Effect.orDie,
        Effect.flatten
      )
    }
    case "OverTime":
      return Effect.fail(refusedForTime(file, outcome.budgetMs))
    case "OutOfMemory":
      return Effect.fail(refusedForMemory(file))
    case "Failed":
      return Effect.die(outcome.error)
  }
}

/**
 * Reads a table of a document parsed in a worker thread (parseJob.ts), as `request` asks. The main thread
 * stays free meanwhile, so SIGINT and SIGTERM are answered at once: interrupting this effect ends the worker.
 */
export const parseInWorker = (job: ParseJob, request: ReadRequest): Effect.Effect<DesiredState, ParseError> =>
  Effect.suspend(() => {
    const ahead = rowsAhead()
    return Effect.async<ParseOutcome>((resume) => {
      job.hold()
      job.read(request, ahead.take)
      void job.outcome.then((outcome) => resume(Effect.succeed(outcome)))
      return Effect.promise(job.stop)
    }).pipe(Effect.flatMap((outcome) => readingOf(request.file, outcome, ahead)))
  })
