import { Schema } from "effect"

/** A table header found in the document, reported when the tracking table is not found. */
export class FoundHeader extends Schema.Class<FoundHeader>("FoundHeader")({
  columns: Schema.Array(Schema.String),
  line: Schema.Int
}) {}

/** No table in the document has the expected header (runbook §7, "tracking table not found"). */
export class TableNotFound extends Schema.TaggedError<TableNotFound>()("TableNotFound", {
  file: Schema.String,
  expectedColumns: Schema.Array(Schema.String),
  found: Schema.Array(FoundHeader)
}) {
  override get message(): string {
    const expected = `| ${this.expectedColumns.join(" | ")} |`
    const found =
      this.found.length === 0
        ? "The document has no tables."
        : `Tables found:\n${this.found.map((h) => `  ${this.file}:${h.line}  | ${h.columns.join(" | ")} |`).join("\n")}`
    return (
      `${this.file}: tracking table not found: no table has the header ${expected}.\n${found}\n` +
      "The column names are matched exactly: restore the header, or name the table with --header " +
      "(and --id-column / --status-column)."
    )
  }
}

/** One work package asked for in several rows with different states. */
export class ConflictingRow extends Schema.Class<ConflictingRow>("ConflictingRow")({
  workPackageId: Schema.Int,
  lines: Schema.Array(Schema.Int),
  states: Schema.Array(Schema.String)
}) {}

export class ConflictingRows extends Schema.TaggedError<ConflictingRows>()("ConflictingRows", {
  file: Schema.String,
  conflicts: Schema.Array(ConflictingRow)
}) {
  override get message(): string {
    const lines = this.conflicts.map(
      (c) =>
        `  wp#${c.workPackageId}: ${c.lines.map((l, i) => `${this.file}:${l} (${c.states[i] ?? "?"})`).join(" vs ")}`
    )
    return (
      `${this.file}: the same work package is asked for in several rows with different states:\n${lines.join("\n")}\n` +
      "Keep one row per work package, or give the rows the same state."
    )
  }
}

/** The source document could not be read (missing, a directory, no permission, not UTF-8). */
export class SourceUnreadable extends Schema.TaggedError<SourceUnreadable>()("SourceUnreadable", {
  file: Schema.String,
  reason: Schema.String,
  line: Schema.optional(Schema.Int)
}) {
  override get message(): string {
    const where = this.line === undefined ? this.file : `${this.file}:${this.line}`
    return `${where}: cannot read the plan document: ${this.reason}. Check the --source path and that the file is UTF-8 text.`
  }
}

/** Anything that makes the desired state unusable; the run stops before any write. */
export type DesiredStateError = TableNotFound | ConflictingRows | SourceUnreadable
