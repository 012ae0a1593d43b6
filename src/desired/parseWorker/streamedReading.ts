import type { Vocabulary } from "../../domain/vocabulary.js"
import type { DocumentTables } from "../parseDesiredState/documentTables.js"
import type { MarkdownTable, Row } from "../parseDesiredState/markdownTables.js"
import {
  type DesiredRow,
  type RowRead,
  readTrackingTable,
  rowsAskingForAState,
  trackingTableOf
} from "../readTrackingTable.js"
import type { TableSpec } from "../TableSpec.js"
import { type Answer, NEXT_ROW_IN_FULL, type RowsAhead } from "./messages.js"

/** Which table to read, and how (the main thread's read request, parseJob.ts). */
export interface StreamRequest {
  readonly file: string
  readonly spec: TableSpec
  readonly vocabulary: Vocabulary
}

/**
 * Whether the row sent ahead is the row of the final reading in every field. `uncompared` is empty by its
 * type: a field added to DesiredRow does not compile here until it is compared too (a row named by its line
 * must be the row the reader gives, not one that merely shares the fields listed). A row with a field its
 * type does not have is sent in full.
 */
const sameRow = (a: DesiredRow, b: DesiredRow): boolean => {
  const { workPackageId, state, qualifiers, note, label, line, column, ...uncompared } = a
  const nothingElse: Record<string, never> = uncompared
  return (
    Object.keys(nothingElse).length === 0 &&
    workPackageId === b.workPackageId &&
    state === b.state &&
    note === b.note &&
    label === b.label &&
    line === b.line &&
    column === b.column &&
    qualifiers.length === b.qualifiers.length &&
    qualifiers.every((q, i) => q === b.qualifiers[i])
  )
}

/**
 * The parse worker's reading, sent as the parse goes (pure but for `post`): `onSlice` is given to the parse
 * (markdownTables.ts) and told each slice's rows; once `request` is known, the rows of the tracking table
 * that ask for a state are posted ahead, those of slices read before the request at once. `answer` is the
 * reading of the finished parse, exactly readTrackingTable's, except that a row sent ahead and equal in
 * every field is named by its line: a row sent ahead that the final reading does not have (the parse fell
 * back to reading the document whole, or the row is a later duplicate) is simply never named.
 */
export const streamedReading = (post: (message: RowsAhead) => void) => {
  let request: StreamRequest | undefined
  const waiting: Array<{ tables: ReadonlyArray<MarkdownTable>; table: MarkdownTable; rows: ReadonlyArray<Row> }> = []
  const sent = new Map<number, DesiredRow>()
  // Each row read for the stream, so the answer does not read it again.
  const reads = new Map<Row, RowRead>()
  // The tracking table, picked once per set of tables: the skeleton's tables (their headers and places) do
  // not change from one slice to the next, only their rows fill in.
  let picked: { readonly tables: ReadonlyArray<MarkdownTable>; readonly table: MarkdownTable | undefined } | undefined
  const trackingTableIn = (asked: StreamRequest, tables: ReadonlyArray<MarkdownTable>) => {
    if (picked?.tables !== tables) picked = { tables, table: trackingTableOf(tables, asked.file, asked.spec) }
    return picked.table
  }
  const rowsOf = (
    asked: StreamRequest,
    tables: ReadonlyArray<MarkdownTable>,
    table: MarkdownTable,
    rows: ReadonlyArray<Row>
  ): ReadonlyArray<DesiredRow> => {
    if (trackingTableIn(asked, tables) !== table) return []
    const ahead = rowsAskingForAState(table, rows, asked.spec, asked.vocabulary, reads).filter(
      (row) => !sent.has(row.line)
    )
    for (const row of ahead) sent.set(row.line, row)
    return ahead
  }
  const postAhead = (rows: ReadonlyArray<DesiredRow>) => {
    if (rows.length > 0) post({ _tag: "RowsAhead", rows })
  }
  return {
    onSlice: (tables: ReadonlyArray<MarkdownTable>, table: MarkdownTable, rows: ReadonlyArray<Row>) => {
      if (request === undefined) waiting.push({ tables, table, rows })
      else postAhead(rowsOf(request, tables, table, rows))
    },
    /** The read request, once; the rows of slices read before it are sent now, together. */
    requested: (asked: StreamRequest) => {
      if (request !== undefined) return
      request = asked
      postAhead(waiting.splice(0).flatMap(({ tables, table, rows }) => rowsOf(asked, tables, table, rows)))
    },
    /** The read request, when known. */
    request: (): StreamRequest | undefined => request,
    /** The reading of the parse's result, for `asked` (rows sent ahead are named only for the same request). */
    answer: (parsed: DocumentTables, asked: StreamRequest): Answer => {
      const read = readTrackingTable(
        parsed,
        asked.file,
        asked.spec,
        asked.vocabulary,
        asked === request ? reads : new Map()
      )
      if (read._tag === "Left") return { _tag: "Answer", reading: read }
      const layout = new Int32Array(read.right.rows.length)
      const inFull: Array<DesiredRow> = []
      read.right.rows.forEach((row, i) => {
        const ahead = asked === request ? sent.get(row.line) : undefined
        if (ahead !== undefined && sameRow(ahead, row)) layout[i] = row.line
        else {
          layout[i] = NEXT_ROW_IN_FULL
          inFull.push(row)
        }
      })
      return { _tag: "Answer", reading: { _tag: "Right", right: { ...read.right, rows: inFull, layout } } }
    }
  }
}
