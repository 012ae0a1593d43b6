import { Schema } from "effect"
import { DesiredState } from "../../domain/desired.js"
import { ConflictingRows, DocumentRefused, TableNotFound, TrackingTableAmbiguous } from "../../domain/errors.js"

/** What the parse worker is given: the document's text, its name for messages, and the table to read. */
export const ParseRequest = Schema.Struct({
  text: Schema.String,
  file: Schema.String,
  spec: Schema.Struct({
    columns: Schema.Array(Schema.String),
    idColumn: Schema.String,
    statusColumn: Schema.String,
    under: Schema.optionalWith(Schema.String, { exact: true })
  }),
  vocabulary: Schema.Struct({
    words: Schema.ReadonlyMap({ key: Schema.String, value: Schema.String }),
    statuses: Schema.ReadonlyMap({ key: Schema.String, value: Schema.String }),
    qualifiers: Schema.Array(Schema.String)
  })
})
export type ParseRequest = typeof ParseRequest.Type

/** What it answers, as plain data (structured clone), decoded again on the other side. */
export const ParseAnswer = Schema.Either({
  right: DesiredState,
  left: Schema.Union(TableNotFound, TrackingTableAmbiguous, ConflictingRows, DocumentRefused)
})
export type ParseAnswer = typeof ParseAnswer.Type
