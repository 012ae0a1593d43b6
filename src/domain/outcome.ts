import { Schema } from "effect"
import { BlockedItem, PlannedChange, PlanSource, SkippedItem } from "./plan.js"

export const Outcome = Schema.Literal("applied", "unchanged", "failed", "stale")
export type Outcome = typeof Outcome.Type

/** Why one item failed, in words a user can act on. `tag` is the typed error's tag. */
export class ItemError extends Schema.Class<ItemError>("ItemError")({
  tag: Schema.String,
  message: Schema.String,
  hint: Schema.optional(Schema.String)
}) {}

/** What happened to one planned change when it was applied. */
export class ChangeResult extends Schema.Class<ChangeResult>("ChangeResult")({
  workPackageId: Schema.Int,
  subject: Schema.String,
  from: Schema.String,
  to: Schema.String,
  /** The plan document of the change (see PlannedChange.source). */
  source: Schema.String,
  line: Schema.Int,
  /** A routed change: the statuses it was to set one after the other, the last one `to`. */
  route: Schema.optional(Schema.NonEmptyArray(Schema.String)),
  outcome: Outcome,
  error: Schema.optional(ItemError),
  /** Non-fatal problems, e.g. the audit comment could not be posted. */
  warnings: Schema.Array(Schema.String)
}) {}

export class ApplySummary extends Schema.Class<ApplySummary>("ApplySummary")({
  applied: Schema.Int,
  unchanged: Schema.Int,
  failed: Schema.Int,
  stale: Schema.Int,
  skipped: Schema.Int,
  blocked: Schema.Int,
  /** Edits made in OpenProject that the apply left in place (self-heal off). */
  drift: Schema.optionalWith(Schema.Int, { default: () => 0 })
}) {}

export class ApplyReport extends Schema.Class<ApplyReport>("ApplyReport")({
  formatVersion: Schema.Literal(2),
  config: Schema.optional(PlanSource),
  sources: Schema.Array(PlanSource),
  openProjectUrl: Schema.String,
  summary: ApplySummary,
  results: Schema.Array(ChangeResult),
  skipped: Schema.Array(SkippedItem),
  blocked: Schema.Array(BlockedItem),
  /** The plan's warnings (`FILE:LINE: …`), so that an apply says what its plan said. */
  warnings: Schema.Array(Schema.String),
  /** The plan's drift (self-heal off): edits made in OpenProject, reported and not written. */
  drift: Schema.optionalWith(Schema.Array(PlannedChange), { default: () => [] }),
  /** The plan's time, which "2h ago" in the drift is said against (as in the plan's own renders). */
  planCreatedAt: Schema.optional(Schema.String)
}) {}

/** The apply report as JSON text, pretty-printed like the plan (`--apply --format json`, `--out`). */
export const ApplyReportJson = Schema.parseJson(ApplyReport, { space: 2 })
