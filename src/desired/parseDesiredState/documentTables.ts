import { READER_LIMITS } from "../readerLimits.js"
import { DEFAULT_SLICING, type MarkdownTable, markdownTables, type SliceObserver } from "./markdownTables.js"
import { documentShapeProblem, type ShapeProblem } from "./shapeProblem.js"

/**
 * What the text of a plan document gives before any table spec or vocabulary applies: its tables, or the
 * bound of the reader it goes past. A function of the text alone, so a parse started before the command
 * line is read (src/desired/earlyParse.ts) serves whatever table the run then asks for.
 */
export type DocumentTables =
  | { readonly _tag: "Tables"; readonly tables: ReadonlyArray<MarkdownTable> }
  | { readonly _tag: "Refused"; readonly problem: ShapeProblem }

/** The shape check first (shapeProblem.ts), then the parse; `onSlice` sees a long table's rows as they are read. */
export const documentTables = (text: string, onSlice?: SliceObserver): DocumentTables => {
  const problem = documentShapeProblem(text)
  return problem === undefined
    ? { _tag: "Tables", tables: markdownTables(text, undefined, DEFAULT_SLICING, onSlice) }
    : { _tag: "Refused", problem }
}

const NESTED_TOO_DEEP: ShapeProblem = {
  limit: "nesting",
  found: "block quotes, lists or inline markup nested too deep to read",
  bound: `${READER_LIMITS.maxNesting} levels on one line, and what the reader's stack holds`
}

/**
 * The parse as the CLI runs it, in its own thread (a small document) or in the parse worker: a document
 * whose nesting, built up over many lines, overflows the parser's stack is refused by the nesting limit
 * like one nested too deep on one line (the shape check bounds only that), never a crash.
 */
export const documentTablesGuarded = (text: string, onSlice?: SliceObserver): DocumentTables => {
  try {
    return documentTables(text, onSlice)
  } catch (error) {
    if (error instanceof RangeError) return { _tag: "Refused", problem: NESTED_TOO_DEEP }
    throw error
  }
}
