import { Schema } from "effect"
import {
  BlockedItem,
  InSyncItem,
  PLAN_FORMAT_VERSION,
  Plan,
  PlannedChange,
  PlanSource,
  PlanSummary,
  SkippedItem
} from "./plan.js"

/**
 * The plan document as release 1 wrote it: one plan per run, its `source` named once for the whole plan and
 * not on each item. Saved plans of that release are still read, and lifted to the current version (each item
 * gets the plan's `source`), so that a plan made before an upgrade can still be applied after it.
 */

const withoutSource = <Fields extends Schema.Struct.Fields & { readonly source: Schema.Schema.Any }>(
  fields: Fields
) => {
  const { source: _source, ...rest } = fields
  return Schema.Struct(rest)
}

export const PlanV1 = Schema.Struct({
  formatVersion: Schema.Literal(1),
  createdAt: Schema.String,
  source: PlanSource,
  commit: Schema.optional(Schema.String),
  openProjectUrl: Schema.String,
  summary: PlanSummary,
  changes: Schema.Array(withoutSource(PlannedChange.fields)),
  drift: Schema.optionalWith(Schema.Array(withoutSource(PlannedChange.fields)), { default: () => [] }),
  inSync: Schema.Array(withoutSource(InSyncItem.fields)),
  skipped: Schema.Array(withoutSource(SkippedItem.fields)),
  blocked: Schema.Array(withoutSource(BlockedItem.fields)),
  warnings: Schema.Array(Schema.String)
})
export type PlanV1 = typeof PlanV1.Type

/** A version 1 plan as the current version says it: the same content, every item naming the one plan. */
export const liftPlanV1 = (v1: PlanV1): Plan => {
  const source = v1.source.path
  return new Plan({
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: v1.createdAt,
    sources: [v1.source],
    ...(v1.commit === undefined ? {} : { commit: v1.commit }),
    openProjectUrl: v1.openProjectUrl,
    summary: v1.summary,
    changes: v1.changes.map((c) => new PlannedChange({ ...c, source })),
    drift: v1.drift.map((c) => new PlannedChange({ ...c, source })),
    inSync: v1.inSync.map((i) => new InSyncItem({ ...i, source })),
    skipped: v1.skipped.map((s) => new SkippedItem({ ...s, source })),
    blocked: v1.blocked.map((b) => new BlockedItem({ ...b, source })),
    warnings: v1.warnings
  })
}
