import type { Schema } from "effect"
import type * as Desired from "../domain/desired.js"
import type * as Errors from "../domain/errors.js"
import { type Vocabulary, wordList } from "../domain/vocabulary.js"
import { suggestState } from "./nearMiss/stateSuggestion.js"
import { suggestWorkPackage } from "./nearMiss/workPackageSuggestion.js"
import type { DocumentTables } from "./parseDesiredState/documentTables.js"
import type { Cell, MarkdownTable, Row } from "./parseDesiredState/markdownTables.js"
import { readStatusCell } from "./parseDesiredState/statusCell.js"
import { workPackageReferences } from "./parseDesiredState/workPackageReferences.js"
import type { TableSpec } from "./TableSpec.js"

/**
 * The tracking table's reading, pure and as plain data: the encoded form of the reader's result, which
 * desiredStateFrom.ts decodes. Plain data because the parse worker runs it, and the worker loads no Schema
 * (its answer crosses to the main thread by structured clone and is decoded there).
 */

/** A row that asks for a state, encoded. */
export type DesiredRow = Schema.Schema.Encoded<typeof Desired.DesiredRow>
type SkippedRow = Schema.Schema.Encoded<typeof Desired.SkippedRow>
type FoundHeader = Schema.Schema.Encoded<typeof Errors.FoundHeader>
type CandidateTable = Schema.Schema.Encoded<typeof Errors.CandidateTable>
type ConflictingRow = Schema.Schema.Encoded<typeof Errors.ConflictingRow>
type TableNotFound = Schema.Schema.Encoded<typeof Errors.TableNotFound>
type TrackingTableAmbiguous = Schema.Schema.Encoded<typeof Errors.TrackingTableAmbiguous>
type ConflictingRows = Schema.Schema.Encoded<typeof Errors.ConflictingRows>
type DocumentRefused = Schema.Schema.Encoded<typeof Errors.DocumentRefused>

/** What the reader makes of a document's tables, encoded as `Schema.Either` encodes (desiredStateFrom.ts). */
export type TrackingTableRead =
  | { readonly _tag: "Right"; readonly right: Schema.Schema.Encoded<typeof Desired.DesiredState> }
  | {
      readonly _tag: "Left"
      readonly left: TableNotFound | TrackingTableAmbiguous | ConflictingRows | DocumentRefused
    }

const isTrackingTable = (table: MarkdownTable, spec: TableSpec): boolean =>
  table.header.length === spec.columns.length &&
  table.header.every((name, i) => name === spec.columns[i]) &&
  spec.columns.includes(spec.idColumn) &&
  spec.columns.includes(spec.statusColumn)

const normalised = (text: string) => text.replace(/\s+/g, " ").trim().toLowerCase()

const isUnder = (table: MarkdownTable, under: string): boolean =>
  table.headings.some((h) => normalised(h.text).includes(normalised(under)))

const nearestHeading = (table: MarkdownTable): { readonly heading?: string } => {
  const heading = table.headings.at(-1)
  return heading === undefined ? {} : { heading: `${"#".repeat(heading.depth)} ${heading.text}` }
}

/** The one table the spec names, or why there is none or more than one. */
const trackingTable = (
  tables: ReadonlyArray<MarkdownTable>,
  file: string,
  spec: TableSpec
): { readonly table: MarkdownTable } | { readonly error: TableNotFound | TrackingTableAmbiguous } => {
  const withHeader = tables.filter((t) => isTrackingTable(t, spec))
  const under = spec.under
  const candidates = under === undefined ? withHeader : withHeader.filter((t) => isUnder(t, under))
  const [table, ...others] = candidates
  const found = (t: MarkdownTable): FoundHeader => ({ columns: t.header, line: t.line, ...nearestHeading(t) })
  if (table === undefined) {
    return {
      error: {
        _tag: "TableNotFound",
        file,
        expectedColumns: spec.columns,
        ...(under === undefined || withHeader.length === 0
          ? { found: tables.map(found) }
          : { found: withHeader.map(found), under })
      }
    }
  }
  if (others.length > 0) {
    return {
      error: {
        _tag: "TrackingTableAmbiguous",
        file,
        columns: spec.columns,
        tables: candidates.map((t): CandidateTable => ({ line: t.line, ...nearestHeading(t) })),
        ...(under === undefined ? {} : { under })
      }
    }
  }
  return { table }
}

/** A row shorter than the header has no cell there; point at the row itself. */
const cellOf = (row: Row, index: number): Cell =>
  row.cells[index] ?? { text: "", links: [], line: row.line, column: row.column }

/** One row of the tracking table, read: a row that asks for a state, or one skipped with a warning. */
export type RowRead = { readonly row: DesiredRow } | { readonly skipped: SkippedRow }

const readRow = (row: Row, idIndex: number, statusIndex: number, spec: TableSpec, vocabulary: Vocabulary): RowRead => {
  const idCell = cellOf(row, idIndex)
  const statusCell = cellOf(row, statusIndex)
  const ids = workPackageReferences(idCell.text)
  const skip = (
    reason: SkippedRow["reason"],
    cell: Cell,
    message: string,
    workPackageId?: number,
    extra: { readonly word?: string; readonly suggestion?: string | undefined } = {}
  ) => ({
    skipped: {
      reason,
      message,
      line: cell.line,
      column: cell.column,
      workPackageId,
      ...(extra.word === undefined ? {} : { word: extra.word }),
      ...(extra.suggestion === undefined ? {} : { suggestion: extra.suggestion })
    }
  })
  const [id, ...otherIds] = ids
  if (id === undefined) {
    const meant = suggestWorkPackage(idCell.text, idCell.links)
    return meant === undefined
      ? skip(
          "NoWorkPackageReference",
          idCell,
          `no wp#NN in the "${spec.idColumn}" column: informational row, not synced`
        )
      : skip(
          "NoWorkPackageReference",
          idCell,
          `no wp#NN in the "${spec.idColumn}" column: not synced; did you mean wp#${meant}? Write the work ` +
            `package as wp#${meant} (a link's text too: [wp#${meant}](…))`,
          undefined,
          { suggestion: `wp#${meant}` }
        )
  }
  if (otherIds.length > 0) {
    return skip(
      "MultipleWorkPackageReferences",
      idCell,
      `the "${spec.idColumn}" column names ${ids.map((n) => `wp#${n}`).join(", ")}: keep one work package per row`
    )
  }
  const status = readStatusCell(statusCell, vocabulary)
  switch (status._tag) {
    case "NoBold":
      return skip(
        "NoBoldState",
        statusCell,
        `wp#${id}: the "${spec.statusColumn}" column does not start with a bold state (e.g. **In progress**): not synced`,
        id
      )
    case "UnknownState": {
      const meant = suggestState(status.bold, vocabulary)
      return skip(
        "UnknownState",
        statusCell,
        `wp#${id}: **${status.bold}** is not a state` +
          (meant === undefined ? "; use" : `; did you mean **${meant}**? Use`) +
          ` one of ${wordList(vocabulary).join(", ")}` +
          (vocabulary.qualifiers.length === 0 ? "" : ` (qualifiers ${vocabulary.qualifiers.join(", ")} may follow)`),
        id,
        { word: status.bold, suggestion: meant }
      )
    }
    case "State":
      return {
        row: {
          workPackageId: id,
          state: status.state,
          qualifiers: status.qualifiers,
          note: status.note,
          label: row.cells[0]?.text ?? "",
          line: statusCell.line,
          column: statusCell.column
        }
      }
  }
}

/** The first row of each work package wins; rows asking for another state are conflicts, all reported. */
const deduplicate = (rows: ReadonlyArray<DesiredRow>) => {
  const byId = new Map<number, Array<DesiredRow>>()
  for (const row of rows) byId.set(row.workPackageId, [...(byId.get(row.workPackageId) ?? []), row])
  const conflicts: Array<ConflictingRow> = []
  const kept: Array<DesiredRow> = []
  for (const [workPackageId, same] of byId) {
    const [first] = same
    if (first === undefined) continue
    if (same.some((r) => r.state !== first.state)) {
      conflicts.push({ workPackageId, lines: same.map((r) => r.line), states: same.map((r) => r.state) })
    }
  }
  // A later row with the same state is harmless but must be seen: it is skipped with a warning at its line.
  const duplicates: Array<SkippedRow> = []
  for (const row of rows) {
    const first = byId.get(row.workPackageId)?.[0]
    if (first === row) kept.push(row)
    else if (first !== undefined) {
      duplicates.push({
        reason: "DuplicateRow",
        message:
          `wp#${row.workPackageId} is already listed at line ${first.line}; ` +
          "planned once from that row. Keep one row per work package.",
        line: row.line,
        column: row.column,
        workPackageId: row.workPackageId
      })
    }
  }
  return { kept, conflicts, duplicates }
}

/**
 * The tracking table of `tables` (the document's tables, their rows perhaps not all read yet), as
 * readTrackingTable picks it; undefined where it would find none or several.
 */
export const trackingTableOf = (
  tables: ReadonlyArray<MarkdownTable>,
  file: string,
  spec: TableSpec
): MarkdownTable | undefined => {
  const found = trackingTable(tables, file, spec)
  return "table" in found ? found.table : undefined
}

/**
 * The rows among `rows` (rows of `table`) that ask for a state, each read as readTrackingTable reads it
 * (before the duplicates are looked for): what the parse worker sends ahead of its answer.
 */
export const rowsAskingForAState = (
  table: MarkdownTable,
  rows: ReadonlyArray<Row>,
  spec: TableSpec,
  vocabulary: Vocabulary,
  reads: Map<Row, RowRead>
): ReadonlyArray<DesiredRow> => {
  const idIndex = table.header.indexOf(spec.idColumn)
  const statusIndex = table.header.indexOf(spec.statusColumn)
  const asking: Array<DesiredRow> = []
  for (const row of rows) {
    const read = readRow(row, idIndex, statusIndex, spec, vocabulary)
    reads.set(row, read)
    if ("row" in read) asking.push(read.row)
  }
  return asking
}

/**
 * The desired state from a document's tables (the parse, wherever it ran: documentTables.ts). The tracking
 * table is the one table whose header is exactly `spec.columns` (and that sits under `spec.under`, when
 * given). Two such tables are an error, not a choice: the rows of either could be the ones meant (a
 * sibling mission's table).
 */
export const readTrackingTable = (
  parsed: DocumentTables,
  file: string,
  spec: TableSpec,
  vocabulary: Vocabulary,
  // Rows of the tracking table already read for the same spec and vocabulary (rowsAskingForAState),
  // not read a second time.
  reads: ReadonlyMap<Row, RowRead> = new Map()
): TrackingTableRead => {
  if (parsed._tag === "Refused") return { _tag: "Left", left: { _tag: "DocumentRefused", file, ...parsed.problem } }
  const found = trackingTable(parsed.tables, file, spec)
  if ("error" in found) return { _tag: "Left", left: found.error }
  const table = found.table
  const idIndex = table.header.indexOf(spec.idColumn)
  const statusIndex = table.header.indexOf(spec.statusColumn)
  const rows: Array<DesiredRow> = []
  const skipped: Array<SkippedRow> = []
  for (const row of table.rows) {
    const read = reads.get(row) ?? readRow(row, idIndex, statusIndex, spec, vocabulary)
    if ("row" in read) rows.push(read.row)
    else skipped.push(read.skipped)
  }
  const { kept, conflicts, duplicates } = deduplicate(rows)
  if (conflicts.length > 0) return { _tag: "Left", left: { _tag: "ConflictingRows", file, conflicts } }
  const allSkipped = [...skipped, ...duplicates].sort((a, b) => a.line - b.line || a.column - b.column)
  return { _tag: "Right", right: { file, tableLine: table.line, rows: kept, skipped: allSkipped } }
}
