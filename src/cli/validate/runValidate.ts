import { Console, Effect, Schema } from "effect"
import { readDesiredState } from "../../desired/readDesiredState.js"
import { type DesiredRow, DesiredState, SkippedRow } from "../../domain/desired.js"
import { warningLine } from "../../render/warningText.js"
import { safeJsonText } from "../../safeText/jsonText.js"
import { oneLine } from "../../safeText/oneLine.js"
import type { ValidateOptions } from "../validate.js"

/** What `validate --format json` prints: the rows to sync, the skipped rows, and their counts. */
export class ValidationReport extends Schema.Class<ValidationReport>("ValidationReport")({
  file: Schema.String,
  tableLine: Schema.Int,
  rows: DesiredState.fields.rows,
  skipped: Schema.Array(SkippedRow),
  summary: Schema.Struct({ rows: Schema.Int, skipped: Schema.Int })
}) {}

const ValidationReportJson = Schema.parseJson(ValidationReport, { space: 2 })

const stateText = (row: DesiredRow): string =>
  oneLine(row.qualifiers.length === 0 ? row.state : `${row.state} [${row.qualifiers.join(" ")}]`)

/** One line per row, in columns: `file:line  wp#NN  State [QUALIFIERS]  note`; every cell stays on its line. */
export const rowLines = (desired: DesiredState): ReadonlyArray<string> => {
  const cells = desired.rows.map((row) => [
    `${oneLine(desired.file)}:${row.line}`,
    `wp#${row.workPackageId}`,
    stateText(row),
    oneLine(row.note)
  ])
  const widths = [0, 1, 2].map((i) => Math.max(0, ...cells.map((c) => (c[i] ?? "").length)))
  return cells.map((c) =>
    c
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd()
  )
}

export const warningLines = (desired: DesiredState): ReadonlyArray<string> =>
  desired.skipped.map((s) => warningLine(`${desired.file}:${s.line}`, s.message))

export const summaryLine = (desired: DesiredState): string =>
  `${oneLine(desired.file)}: valid: ${desired.rows.length} row(s) to sync, ${desired.skipped.length} skipped ` +
  `(tracking table at line ${desired.tableLine})`

/** The `validate` command's work, loaded on first use (see lazy.ts). */
export const runValidate = ({ source, tableSpec, format }: ValidateOptions) =>
  Effect.gen(function* () {
    const { desired } = yield* readDesiredState(source, tableSpec)
    if (format === "json") {
      const report = new ValidationReport({
        file: desired.file,
        tableLine: desired.tableLine,
        rows: desired.rows,
        skipped: desired.skipped,
        summary: { rows: desired.rows.length, skipped: desired.skipped.length }
      })
      // Our own values always encode; a failure here would be a bug, not a user error.
      yield* Console.log(safeJsonText(yield* Schema.encode(ValidationReportJson)(report).pipe(Effect.orDie)))
    } else {
      for (const line of rowLines(desired)) yield* Console.log(line)
    }
    // Warnings go to stderr in both formats, so JSON on stdout stays parseable.
    for (const line of warningLines(desired)) yield* Console.error(line)
    if (format === "text") yield* Console.log(summaryLine(desired))
  })
