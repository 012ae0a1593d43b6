import { Console, Effect, Schema } from "effect"
import { readDesiredState } from "../../desired/readDesiredState.js"
import { type DesiredRow, DesiredState, SkippedRow } from "../../domain/desired.js"
import { StrictRowsFound, strictRowsOfDocument } from "../../domain/strictRows.js"
import { checkAcrossPlans } from "../../reconcile/crossPlan.js"
import { warningLine } from "../../render/warningText.js"
import { safeJsonText } from "../../safeText/jsonText.js"
import { oneLine } from "../../safeText/oneLine.js"
import { selectPlans } from "../planSelection.js"
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

/** What `validate --config --format json` prints: the config and one report per plan, in the config's order. */
export class ConfigValidationReport extends Schema.Class<ConfigValidationReport>("ConfigValidationReport")({
  config: Schema.String,
  plans: Schema.Array(Schema.Struct({ source: Schema.String, ...ValidationReport.fields }))
}) {}

const ConfigValidationReportJson = Schema.parseJson(ConfigValidationReport, { space: 2 })

const reportOf = (desired: DesiredState) =>
  new ValidationReport({
    file: desired.file,
    tableLine: desired.tableLine,
    rows: desired.rows,
    skipped: desired.skipped,
    summary: { rows: desired.rows.length, skipped: desired.skipped.length }
  })

/**
 * Prints `lines` in one call, one line each (nothing for none): a table's rows leave in one write instead
 * of one per row. The safe console makes each line safe as it would alone (safeOutput splits at the breaks).
 */
const printLines = (print: (text: string) => Effect.Effect<void>, lines: ReadonlyArray<string>) =>
  lines.length === 0 ? Effect.void : print(lines.join("\n"))

/**
 * The `validate` command's work, loaded on first use (see lazy.ts). Offline: the config (if any), every
 * plan, and the plans against each other, so a fork's pull request can run it without secrets.
 */
export const runValidate = (o: ValidateOptions) =>
  Effect.gen(function* () {
    const selection = yield* selectPlans(o)
    const read = yield* Effect.forEach(selection.documents, (ref) =>
      readDesiredState(ref.path, ref.tableSpec, ref.vocabulary).pipe(Effect.map(({ desired }) => ({ ref, desired })))
    )
    yield* checkAcrossPlans(
      read.map(({ ref, desired }) => ({
        desired,
        ...(ref.vocabulary === undefined ? {} : { vocabulary: ref.vocabulary })
      }))
    )
    if (o.format === "json") {
      // Our own values always encode; a failure here would be a bug, not a user error.
      const [only] = read
      const text =
        selection.config === undefined && only !== undefined
          ? yield* Schema.encode(ValidationReportJson)(reportOf(only.desired)).pipe(Effect.orDie)
          : yield* Schema.encode(ConfigValidationReportJson)(
              new ConfigValidationReport({
                config: selection.marker,
                plans: read.map(({ ref, desired }) => ({ source: ref.source ?? ref.path, ...reportOf(desired) }))
              })
            ).pipe(Effect.orDie)
      yield* Console.log(safeJsonText(text))
    } else {
      yield* printLines(
        Console.log,
        read.flatMap(({ desired }) => rowLines(desired))
      )
    }
    // Warnings go to stderr in both formats, so JSON on stdout stays parseable.
    yield* printLines(
      Console.error,
      read.flatMap(({ desired }) => warningLines(desired))
    )
    if (o.format === "text") {
      const summaries = read.map(({ desired }) => summaryLine(desired))
      yield* printLines(
        Console.log,
        selection.config === undefined
          ? summaries
          : [...summaries, `${oneLine(selection.config.path)}: valid: ${read.length} plan(s)`]
      )
    }
    // After the report, so the rows to fix are the last thing said (on stderr, stdout stays the report).
    if (o.strict) {
      const strictRows = read.flatMap(({ desired }) => strictRowsOfDocument(desired))
      if (strictRows.length > 0) return yield* new StrictRowsFound({ rows: strictRows })
    }
  })
