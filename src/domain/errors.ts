import { Schema } from "effect"
import { oneLine } from "../safeText/oneLine.js"

// Headers, headings, states and paths come from the document: each is printed on its line, never as a command.

/** A table header found in the document, reported when the tracking table is not found. */
export class FoundHeader extends Schema.Class<FoundHeader>("FoundHeader")({
  columns: Schema.Array(Schema.String),
  line: Schema.Int,
  /** The nearest heading the table sits under, if any. */
  heading: Schema.optional(Schema.String)
}) {}

/** No table in the document has the expected header (runbook §7, "tracking table not found"). */
export class TableNotFound extends Schema.TaggedError<TableNotFound>()("TableNotFound", {
  file: Schema.String,
  expectedColumns: Schema.Array(Schema.String),
  found: Schema.Array(FoundHeader),
  /** The `under` filter, when the tracking header exists but under no heading that contains it. */
  under: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const file = oneLine(this.file)
    const expected = `| ${this.expectedColumns.map(oneLine).join(" | ")} |`
    if (this.under !== undefined) {
      return (
        `${file}: tracking table not found: no table with the header ${expected} sits under a heading ` +
        `containing "${oneLine(this.under)}".\n` +
        (this.found.length === 0
          ? "The document has no such table."
          : `Tables with that header:\n${this.found.map((h) => `  ${file}:${h.line}${h.heading === undefined ? "" : `  under "${oneLine(h.heading)}"`}`).join("\n")}`) +
        "\nCheck the heading text (it is matched as written, ignoring case)."
      )
    }
    const found =
      this.found.length === 0
        ? "The document has no tables."
        : `Tables found:\n${this.found.map((h) => `  ${file}:${h.line}  | ${h.columns.map(oneLine).join(" | ")} |`).join("\n")}`
    return (
      `${file}: tracking table not found: no table has the header ${expected}.\n${found}\n` +
      "The column names are matched exactly: restore the header, or name the table with --header " +
      "(and --id-column / --status-column)."
    )
  }
}

/** A table that has the tracking header, with the nearest heading it sits under (if any). */
export class CandidateTable extends Schema.Class<CandidateTable>("CandidateTable")({
  line: Schema.Int,
  heading: Schema.optional(Schema.String)
}) {}

/**
 * The first lines of every "several tables have the tracking header" message (the reader's and `init`'s):
 * the count, the header, the `under` scope and one line per table; each caller adds its own remedy.
 */
export const severalTrackingTables = (
  e: {
    readonly file: string
    readonly columns: ReadonlyArray<string>
    readonly tables: ReadonlyArray<CandidateTable>
    readonly under?: string | undefined
  },
  what: string,
  noHeading = ""
): string => {
  const file = oneLine(e.file)
  const header = `| ${e.columns.map(oneLine).join(" | ")} |`
  const where = e.tables.map(
    (t) => `  ${file}:${t.line}${t.heading === undefined ? noHeading : `  under "${oneLine(t.heading)}"`}`
  )
  const scope = e.under === undefined ? "" : ` under a heading containing "${oneLine(e.under)}"`
  return `${file}: ${e.tables.length} tables have the tracking header ${header}${scope}; ${what}:\n${where.join("\n")}\n`
}

/**
 * More than one table has the tracking header (runbook §5: a sibling mission's table further down). Either
 * table's rows could be the ones meant, so the reader refuses to guess.
 */
export class TrackingTableAmbiguous extends Schema.TaggedError<TrackingTableAmbiguous>()("TrackingTableAmbiguous", {
  file: Schema.String,
  columns: Schema.Array(Schema.String),
  tables: Schema.Array(CandidateTable),
  /** The `under` filter the tables were already narrowed by, if one was given. */
  under: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return (
      severalTrackingTables(this, "op-reconcile reads one and will not guess which") +
      "Rename a column in the header of each table that is not the plan, so that one table matches; " +
      "a renamed table is read, when wanted, with --header (and --id-column / --status-column). " +
      "With a config, a plan's under: (a part of the heading above the table) picks one instead; " +
      "op-reconcile init --under TEXT writes it."
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
    const file = oneLine(this.file)
    const lines = this.conflicts.map(
      (c) =>
        `  wp#${c.workPackageId}: ${c.lines.map((l, i) => `${file}:${l} (${oneLine(c.states[i] ?? "?")})`).join(" vs ")}`
    )
    return (
      `${file}: the same work package is asked for in several rows with different states:\n${lines.join("\n")}\n` +
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
    const where = this.line === undefined ? oneLine(this.file) : `${oneLine(this.file)}:${this.line}`
    return `${where}: cannot read the plan document: ${oneLine(this.reason)}. Check the --source path and that the file is UTF-8 text.`
  }
}

/** Which bound of the reader a document went past (README: "Limits of the reader"). */
export const ReaderLimit = Schema.Literal("size", "nesting", "inline markup", "time", "memory")
export type ReaderLimit = typeof ReaderLimit.Type

/**
 * The document goes past one of the reader's bounds, so it was not read: a plan is a table with some prose
 * around it, and these bounds keep a hostile or broken document from hanging or exhausting the machine.
 */
export class DocumentRefused extends Schema.TaggedError<DocumentRefused>()("DocumentRefused", {
  file: Schema.String,
  limit: ReaderLimit,
  /** What was found, in the words of the limit: "a block quote or list nested 5,000 deep". */
  found: Schema.String,
  /** The bound itself: "32 levels". */
  bound: Schema.String,
  line: Schema.optional(Schema.Int)
}) {
  override get message(): string {
    const where = this.line === undefined ? this.file : `${this.file}:${this.line}`
    return (
      `${where}: not read: the ${this.limit} limit of the plan reader (${this.bound}) is exceeded: ${this.found}. ` +
      "A plan document is a status table with some prose; split the document, or remove what goes past the limit."
    )
  }
}

/** Anything that makes the desired state unusable; the run stops before any write. */
export type DesiredStateError =
  | TableNotFound
  | TrackingTableAmbiguous
  | ConflictingRows
  | SourceUnreadable
  | DocumentRefused
