import { Schema } from "effect"

/** One row of the tracking table that asks for a work package to be in a state. */
export class DesiredRow extends Schema.Class<DesiredRow>("DesiredRow")({
  workPackageId: Schema.Int,
  /** The word the plan asks for, as its vocabulary spells it (one of the runbook's eight, or a `states:` key). */
  state: Schema.String,
  qualifiers: Schema.Array(Schema.String),
  /** The Status cell after the bold state and qualifiers. */
  note: Schema.String,
  /** The first column of the row (e.g. the Track), for humans. */
  label: Schema.String,
  line: Schema.Int,
  column: Schema.Int
}) {}

export const SkipReason = Schema.Literal(
  "NoWorkPackageReference",
  "NoBoldState",
  "UnknownState",
  "MultipleWorkPackageReferences",
  /** The same work package and state as an earlier row, which is the one planned. */
  "DuplicateRow"
)
export type SkipReason = typeof SkipReason.Type

/** A row that was read but is out of scope for the sync; surfaced as a warning. */
export class SkippedRow extends Schema.Class<SkippedRow>("SkippedRow")({
  reason: SkipReason,
  message: Schema.String,
  line: Schema.Int,
  column: Schema.Int,
  /** The work package the row refers to, when it names exactly one. */
  workPackageId: Schema.optional(Schema.Int),
  /** UnknownState: the bold text that is not a word of the plan's vocabulary (what `init` maps). */
  word: Schema.optional(Schema.String),
  /**
   * What the row most likely meant, when it is a near miss (nearMiss/): the state a bold word that is not
   * one stands for (`**in-progress**` → `In progress`), or `wp#43` for a work package written as `#43`.
   * A near miss fails a `--strict` run.
   */
  suggestion: Schema.optional(Schema.String)
}) {}

/** The desired state read from one markdown document. */
export class DesiredState extends Schema.Class<DesiredState>("DesiredState")({
  file: Schema.String,
  /** Line of the tracking table's header row. */
  tableLine: Schema.Int,
  rows: Schema.Array(DesiredRow),
  skipped: Schema.Array(SkippedRow)
}) {}
