import { Context, Effect } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { ConflictingRows, DocumentRefused, TableNotFound, TrackingTableAmbiguous } from "../domain/errors.js"
import type { Vocabulary } from "../domain/vocabulary.js"
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
 * Where the markdown parse runs. By default in this thread (tests, `npm run dev`); the CLI runs it in a
 * worker thread (`inWorker`) so that a slow document never blocks signals, and time and memory are bounded.
 */
export class DesiredStateParser extends Context.Reference<DesiredStateParser>()("op-reconcile/DesiredStateParser", {
  defaultValue: (): DesiredStateParserShape => inProcess
}) {
  /** Parses in a worker thread running `script` (the bundle's `parse-worker.js`). */
  static inWorker(script: URL): DesiredStateParserShape {
    return {
      parse: (text, file, spec, vocabulary) =>
        Effect.flatMap(
          Effect.promise(() => import("./parseInWorker.js")),
          ({ parseInWorker }) => parseInWorker(script, { text, file, spec, vocabulary })
        )
    }
  }
}
