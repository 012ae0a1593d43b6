import { Context, Effect } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { ConflictingRows, DocumentRefused, TableNotFound, TrackingTableAmbiguous } from "../domain/errors.js"
import type { Vocabulary } from "../domain/vocabulary.js"
import { takeEarlyParse } from "./earlyParse.js"
import type { ParseJob, StartParse } from "./parseJob.js"
import { READER_LIMITS } from "./readerLimits.js"
import type { TableSpec } from "./TableSpec.js"

export type ParseError = TableNotFound | TrackingTableAmbiguous | ConflictingRows | DocumentRefused

/** Turns the text of a plan document into its desired state (the markdown parse). */
export interface DesiredStateParserShape {
  readonly parse: (
    text: string,
    file: string,
    spec: TableSpec,
    vocabulary: Vocabulary
  ) => Effect.Effect<DesiredState, ParseError>
}

// The implementations are loaded on first use: this module is imported at start-up (src/bin.ts), and the
// markdown parser is not needed by `--help`, `--version` or the sandbox.
const inProcess: DesiredStateParserShape = {
  parse: (text, file, spec, vocabulary) =>
    Effect.flatMap(
      Effect.promise(() => import("./parseDesiredState.js")),
      ({ parseDesiredState }) => parseDesiredState(text, file, spec, vocabulary)
    )
}

/**
 * Where the markdown parse runs. By default in this thread (tests, `npm run dev`); the CLI runs a
 * document larger than `READER_LIMITS.inThreadMaxBytes` in a worker thread (`bounded`) so that a slow
 * document never blocks signals, and time and memory are bounded; a smaller one, whose parse the shape
 * check keeps short, in this thread (a worker would cost more than the parse). A parse of the same
 * document started when the process started (earlyParse.ts) is taken instead of a new one.
 */
export class DesiredStateParser extends Context.Reference<DesiredStateParser>()("op-reconcile/DesiredStateParser", {
  defaultValue: (): DesiredStateParserShape => inProcess
}) {
  /**
   * Parses a small document in this thread and a larger one in a worker thread (`start`: the bundle's
   * `parse-worker.js`); both refuse a stack overflow as the nesting limit.
   */
  static bounded(start: StartParse): DesiredStateParserShape {
    return {
      parse: (text, file, spec, vocabulary) =>
        Effect.suspend(() => {
          const early = takeEarlyParse(file, text)
          if (early === undefined && Buffer.byteLength(text, "utf8") <= READER_LIMITS.inThreadMaxBytes) {
            return Effect.flatMap(
              Effect.promise(() => import("./parseGuarded.js")),
              ({ parseGuarded }) => parseGuarded(text, file, spec, vocabulary)
            )
          }
          // Where the parse runs is worth a debug line: a run that could not use the early parse says so.
          const job: Effect.Effect<ParseJob> =
            early === undefined
              ? Effect.zipRight(
                  Effect.logDebug("parsing the plan document in a worker thread"),
                  Effect.sync(() => start(text))
                )
              : Effect.as(Effect.logDebug("taking the parse of the plan document started with the process"), early)
          return Effect.flatMap(
            Effect.promise(() => import("./parseInWorker.js")),
            ({ parseInWorker }) => Effect.flatMap(job, (taken) => parseInWorker(taken, { file, spec, vocabulary }))
          ).pipe(Effect.annotateLogs({ path: file }))
        })
    }
  }
}
