import { Schema } from "effect"
import { DesiredState } from "../../domain/desired.js"
import { ConflictingRows, DocumentRefused, TableNotFound, TrackingTableAmbiguous } from "../../domain/errors.js"

/**
 * The reader's result as plain data (readTrackingTable.ts), decoded: what the parse worker answers (by
 * structured clone; the worker loads no Schema, so its answer is checked here), and what a parse in this
 * thread gives.
 */
export const ParseAnswer = Schema.Either({
  right: DesiredState,
  left: Schema.Union(TableNotFound, TrackingTableAmbiguous, ConflictingRows, DocumentRefused)
})
export type ParseAnswer = typeof ParseAnswer.Type
