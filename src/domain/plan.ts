import { Schema } from "effect"
import { Cause, LastApplied } from "./cause.js"
import { SkipReason } from "./desired.js"

/**
 * The plan document: written by `reconcile --dry-run --out`, read back by `reconcile --apply --plan`.
 * One Schema both encodes and decodes it, so what is written is what is read.
 * Bump the format version on any change that an older reader would misread; the reader keeps reading every
 * older version (savedPlan.ts reads the version first; planV1.ts lifts a version 1 plan to this one).
 * 2: a run may read several plan documents (a config's plans): the plan names them all in `sources` (and the
 * config in `config`), and every item names its own in `source`; a change may carry `check` (OpenProject's
 * workflow verdict) and `route` (the hops of a routed change). A reader of version 1 would apply a routed
 * change as a direct one and could not tell the plans apart, so version 1 readers must refuse it.
 */
export const PLAN_FORMAT_VERSION = 2 as const

/** Every version this reader understands. */
export const READABLE_PLAN_FORMAT_VERSIONS = [1, 2] as const

/**
 * What OpenProject's form said of a change before anything was written (README §13): `allowed`; `refused`,
 * with OpenProject's message and the statuses it allows from the current one; or `unchecked`, with why the
 * check could not be made. For a routed change it is the verdict on the first hop: the later hops start
 * from statuses the work package is not in yet, and OpenProject only answers for the persisted status.
 */
export const WorkflowCheck = Schema.Union(
  Schema.Struct({ result: Schema.Literal("allowed") }),
  Schema.Struct({
    result: Schema.Literal("refused"),
    message: Schema.String,
    /** Status names OpenProject allows from the current status (the current one included), by position. */
    allowed: Schema.Array(Schema.String)
  }),
  Schema.Struct({ result: Schema.Literal("unchecked"), reason: Schema.String })
)
export type WorkflowCheck = typeof WorkflowCheck.Type

/** The reason of every `unchecked` when the user turned the check off. */
export const WORKFLOW_CHECK_SKIPPED = "the workflow check was skipped (--no-workflow-check)"

/**
 * The reason of every `unchecked` when the form answered 403: the key may not change the work package (a
 * read-only key), which is said once for the plan rather than under every change.
 */
export const WORKFLOW_CHECK_NOT_PERMITTED =
  "this API key's user may not change the work package (403), and OpenProject's form answers only one who may"

/**
 * Which plan document an item comes from, next to its `line`: the document's path relative to the
 * config's directory (for `--source`, the path as given). One run may read several documents.
 */
const ItemSource = Schema.String

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
  source: ItemSource,
  line: Schema.Int,
  column: Schema.Int,
  /** Why it needs the change (drift/classify.ts); absent when the history could not be read. */
  cause: Schema.optional(Cause),
  /** Who changed the status in OpenProject since op-reconcile set it, as OpenProject names them. */
  changedBy: Schema.optional(Schema.String),
  /** When they did (ISO). */
  changedAt: Schema.optional(Schema.String),
  /** What op-reconcile last set, from its latest audit comment. */
  lastApplied: Schema.optional(LastApplied),
  /** Absent in plans made before the check existed (version 1) and in none since. */
  check: Schema.optional(WorkflowCheck),
  /**
   * A routed change: the statuses to set one after the other, the last one `to` (e.g. ["In progress",
   * "Closed"] for New → In progress → Closed). Absent for a direct change.
   */
  route: Schema.optional(Schema.NonEmptyArray(Schema.String))
}) {}

/** The statuses a change sets, in order: its route, or just its target. */
export const hopsOf = (change: PlannedChange): ReadonlyArray<string> => change.route ?? [change.to]

export class InSyncItem extends Schema.Class<InSyncItem>("InSyncItem")({
  workPackageId: Schema.Int,
  subject: Schema.String,
  state: Schema.String,
  source: ItemSource,
  line: Schema.Int
}) {}

export class SkippedItem extends Schema.Class<SkippedItem>("SkippedItem")({
  reason: SkipReason,
  message: Schema.String,
  source: ItemSource,
  line: Schema.Int,
  column: Schema.Int,
  workPackageId: Schema.optional(Schema.Int),
  /** What the row most likely meant (SkippedRow.suggestion); absent in plans of older releases. */
  suggestion: Schema.optional(Schema.String)
}) {}

export const BlockedReason = Schema.Literal("UnknownStatus", "WorkPackageNotFound")
export type BlockedReason = typeof BlockedReason.Type

/** A row the tool cannot act on until a human fixes something on either side. */
export class BlockedItem extends Schema.Class<BlockedItem>("BlockedItem")({
  workPackageId: Schema.Int,
  state: Schema.String,
  reason: BlockedReason,
  message: Schema.String,
  source: ItemSource,
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
  blocked: Schema.Int,
  /** Edits made in OpenProject that the run leaves in place (self-heal off); 0 in plans of older releases. */
  drift: Schema.optionalWith(Schema.Int, { default: () => 0 })
}) {}

export class Plan extends Schema.Class<Plan>("Plan")({
  /** Plans of version 1 are read by planV1.ts and lifted to this version (savedPlan.ts reads the version first). */
  formatVersion: Schema.Literal(PLAN_FORMAT_VERSION),
  createdAt: Schema.String,
  /** The config the run was made from (`--config`), absent for `--source`. */
  config: Schema.optional(PlanSource),
  /** Every plan document read, in the config's order, each with the digest of the bytes planned from. */
  sources: Schema.Array(PlanSource),
  commit: Schema.optional(Schema.String),
  openProjectUrl: Schema.String,
  summary: PlanSummary,
  changes: Schema.Array(PlannedChange),
  /**
   * With self-heal off: work packages someone changed in OpenProject since op-reconcile set them, while the
   * plan still asks for what op-reconcile set. Reported, never written. Empty in plans of older releases.
   */
  drift: Schema.optionalWith(Schema.Array(PlannedChange), { default: () => [] }),
  inSync: Schema.Array(InSyncItem),
  skipped: Schema.Array(SkippedItem),
  blocked: Schema.Array(BlockedItem),
  warnings: Schema.Array(Schema.String),
  /**
   * `--target`: the only work packages this plan looked at (the rest of its documents was not read from
   * OpenProject or compared). Absent for a whole plan.
   */
  targets: Schema.optional(Schema.Array(Schema.Int)),
  /**
   * The tracking table a `--source` plan was read with (`--header`, `--id-column`, `--status-column`), when
   * not the runbook's: `--apply --plan` reads the document with it again. A config records its own tables.
   */
  table: Schema.optional(
    Schema.Struct({
      columns: Schema.Array(Schema.String),
      idColumn: Schema.String,
      statusColumn: Schema.String,
      under: Schema.optionalWith(Schema.String, { exact: true })
    })
  )
}) {}

/** Decode/encode the plan document as JSON text (pretty-printed: people open saved plans). */
export const PlanJson = Schema.parseJson(Plan, { space: 2 })
