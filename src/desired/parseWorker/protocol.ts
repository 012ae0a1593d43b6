import { Schema } from "effect"
import type { DocumentTables } from "../parseDesiredState/documentTables.js"

// What the parse worker answers (parseWorker.ts): the document's tables as plain data (structured clone),
// or the bound of the reader the document goes past. Decoded on the main thread before it is read: the
// worker loads no Schema, so its answer is checked here.

const Cell = Schema.Struct({
  text: Schema.String,
  line: Schema.Int,
  column: Schema.Int,
  lead: Schema.optionalWith(Schema.Struct({ bold: Schema.String, after: Schema.String }), { exact: true }),
  links: Schema.Array(Schema.String)
})

const Row = Schema.Struct({ line: Schema.Int, column: Schema.Int, cells: Schema.Array(Cell) })

const Heading = Schema.Struct({ depth: Schema.Int, text: Schema.String, line: Schema.Int })

const MarkdownTable = Schema.Struct({
  line: Schema.Int,
  header: Schema.Array(Schema.String),
  rows: Schema.Array(Row),
  headings: Schema.Array(Heading)
})

const ShapeProblem = Schema.Struct({
  limit: Schema.Literal("nesting", "inline markup"),
  found: Schema.String,
  bound: Schema.String,
  line: Schema.optionalWith(Schema.Int, { exact: true })
})

export const ParseAnswer: Schema.Schema<DocumentTables> = Schema.Union(
  Schema.TaggedStruct("Tables", { tables: Schema.Array(MarkdownTable) }),
  Schema.TaggedStruct("Refused", { problem: ShapeProblem })
)
