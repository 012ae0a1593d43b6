import { Schema } from "effect"
import { SkipReason } from "./desired.js"

/**
 * The plan document: written by `reconcile --dry-run --out`, read back by `reconcile --apply --plan`.
 * One Schema both encodes and decodes it, so what is written is what is read.
 * Bump the format version on any change that an older reader would misread.
 */
export const PLAN_FORMAT_VERSION = 1 as const

/** A status transition to make, with the observed lockVersion as its precondition. */
export class PlannedChange extends Schema.Class<PlannedChange>("PlannedChange")({
  workPackageId: Schema.Int,
  subject: Schema.String,
  from: Schema.String,
  fromStatusId: Schema.Int,
  to: Schema.String,
  toStatusId: Schema.Int,
  /** Status href as the server gave it, sent back verbatim in the PATCH. */
  toStatusHref: Schema.String,
  /** The lockVersion seen when planning: the write is refused (stale) if it moved. */
  lockVersion: Schema.Int,
  line: Schema.Int,
  column: Schema.Int
}) {}

export class InSyncItem extends Schema.Class<InSyncItem>("InSyncItem")({
  workPackageId: Schema.Int,
  subject: Schema.String,
  state: Schema.String,
  line: Schema.Int
}) {}

export class SkippedItem extends Schema.Class<SkippedItem>("SkippedItem")({
  reason: SkipReason,
  message: Schema.String,
  line: Schema.Int,
  column: Schema.Int,
  workPackageId: Schema.optional(Schema.Int)
}) {}

export const BlockedReason = Schema.Literal("UnknownStatus", "WorkPackageNotFound")
export type BlockedReason = typeof BlockedReason.Type

/** A row the tool cannot act on until a human fixes something on either side. */
export class BlockedItem extends Schema.Class<BlockedItem>("BlockedItem")({
  workPackageId: Schema.Int,
  state: Schema.String,
  reason: BlockedReason,
  message: Schema.String,
  line: Schema.Int,
  column: Schema.Int
}) {}

export class PlanSource extends Schema.Class<PlanSource>("PlanSource")({
  path: Schema.String,
  /** sha256 of the document's bytes, hex. */
  sha256: Schema.String
}) {}

export class PlanSummary extends Schema.Class<PlanSummary>("PlanSummary")({
  changes: Schema.Int,
  inSync: Schema.Int,
  skipped: Schema.Int,
  blocked: Schema.Int
}) {}

export class Plan extends Schema.Class<Plan>("Plan")({
  formatVersion: Schema.Literal(PLAN_FORMAT_VERSION),
  createdAt: Schema.String,
  source: PlanSource,
  commit: Schema.optional(Schema.String),
  openProjectUrl: Schema.String,
  summary: PlanSummary,
  changes: Schema.Array(PlannedChange),
  inSync: Schema.Array(InSyncItem),
  skipped: Schema.Array(SkippedItem),
  blocked: Schema.Array(BlockedItem),
  warnings: Schema.Array(Schema.String)
}) {}

/** Decode/encode the plan document as JSON text (pretty-printed: people open saved plans). */
export const PlanJson = Schema.parseJson(Plan, { space: 2 })
