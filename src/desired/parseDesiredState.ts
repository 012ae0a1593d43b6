import { Either } from "effect"
import { DesiredRow, DesiredState, SkippedRow } from "../domain/desired.js"
import { ConflictingRow, ConflictingRows, FoundHeader, TableNotFound } from "../domain/errors.js"
import { DEFAULT_VOCABULARY, type Vocabulary, wordList } from "../domain/vocabulary.js"
import { type Cell, type MarkdownTable, markdownTables, type Row } from "./parseDesiredState/markdownTables.js"
import { readStatusCell } from "./parseDesiredState/statusCell.js"
import { workPackageReferences } from "./parseDesiredState/workPackageReferences.js"
import { DEFAULT_TABLE_SPEC, type TableSpec } from "./TableSpec.js"

const isTrackingTable = (table: MarkdownTable, spec: TableSpec): boolean =>
  table.header.length === spec.columns.length &&
  table.header.every((name, i) => name === spec.columns[i]) &&
  spec.columns.includes(spec.idColumn) &&
  spec.columns.includes(spec.statusColumn)

/** A row shorter than the header has no cell there; point at the row itself. */
const cellOf = (row: Row, index: number): Cell =>
  row.cells[index] ?? { text: "", content: [], line: row.line, column: row.column }

const readRow = (
  row: Row,
  idIndex: number,
  statusIndex: number,
  spec: TableSpec,
  vocabulary: Vocabulary
): { readonly row: DesiredRow } | { readonly skipped: SkippedRow } => {
  const idCell = cellOf(row, idIndex)
  const statusCell = cellOf(row, statusIndex)
  const ids = workPackageReferences(idCell.text)
  const skip = (reason: SkippedRow["reason"], cell: Cell, message: string, workPackageId?: number) => ({
    skipped: new SkippedRow({ reason, message, line: cell.line, column: cell.column, workPackageId })
  })
  const [id, ...otherIds] = ids
  if (id === undefined) {
    return skip(
      "NoWorkPackageReference",
      idCell,
      `no wp#NN in the "${spec.idColumn}" column: informational row, not synced`
    )
  }
  if (otherIds.length > 0) {
    return skip(
      "MultipleWorkPackageReferences",
      idCell,
      `the "${spec.idColumn}" column names ${ids.map((n) => `wp#${n}`).join(", ")}: keep one work package per row`
    )
  }
  const status = readStatusCell(statusCell.content, vocabulary)
  switch (status._tag) {
    case "NoBold":
      return skip(
        "NoBoldState",
        statusCell,
        `wp#${id}: the "${spec.statusColumn}" column does not start with a bold state (e.g. **In progress**): not synced`,
        id
      )
    case "UnknownState":
      return skip(
        "UnknownState",
        statusCell,
        `wp#${id}: **${status.bold}** is not a state; use one of ${wordList(vocabulary).join(", ")}` +
          (vocabulary.qualifiers.length === 0 ? "" : ` (qualifiers ${vocabulary.qualifiers.join(", ")} may follow)`),
        id
      )
    case "State":
      return {
        row: new DesiredRow({
          workPackageId: id,
          state: status.state,
          qualifiers: status.qualifiers,
          note: status.note,
          label: row.cells[0]?.text ?? "",
          line: statusCell.line,
          column: statusCell.column
        })
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
      conflicts.push(
        new ConflictingRow({ workPackageId, lines: same.map((r) => r.line), states: same.map((r) => r.state) })
      )
    }
  }
  for (const row of rows) if (byId.get(row.workPackageId)?.[0] === row) kept.push(row)
  return { kept, conflicts }
}

/**
 * Reads the desired state from the text of a markdown plan (pure). The tracking table is the first table
 * whose header is exactly `spec.columns`: a document that keeps an older copy of the table further down
 * still syncs from the one on top, as a reader of the document would expect.
 */
export const parseDesiredState = (
  text: string,
  file: string,
  spec: TableSpec = DEFAULT_TABLE_SPEC,
  vocabulary: Vocabulary = DEFAULT_VOCABULARY
): Either.Either<DesiredState, TableNotFound | ConflictingRows> => {
  const tables = markdownTables(text)
  const table = tables.find((t) => isTrackingTable(t, spec))
  if (table === undefined) {
    return Either.left(
      new TableNotFound({
        file,
        expectedColumns: spec.columns,
        found: tables.map((t) => new FoundHeader({ columns: t.header, line: t.line }))
      })
    )
  }
  const idIndex = table.header.indexOf(spec.idColumn)
  const statusIndex = table.header.indexOf(spec.statusColumn)
  const rows: Array<DesiredRow> = []
  const skipped: Array<SkippedRow> = []
  for (const row of table.rows) {
    const read = readRow(row, idIndex, statusIndex, spec, vocabulary)
    if ("row" in read) rows.push(read.row)
    else skipped.push(read.skipped)
  }
  const { kept, conflicts } = deduplicate(rows)
  if (conflicts.length > 0) return Either.left(new ConflictingRows({ file, conflicts }))
  return Either.right(new DesiredState({ file, tableLine: table.line, rows: kept, skipped }))
}
