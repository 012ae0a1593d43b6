import { Schema } from "effect"

/**
 * Why a work package needs a change, from the three states of a three-way diff: desired (the plan now),
 * last-applied (what op-reconcile last set, from its audit comment's marker) and live (OpenProject now).
 */
export const Cause = Schema.Literal(
  /** The plan asks for something new; OpenProject still shows what op-reconcile last set. */
  "plan-changed",
  /** The plan still asks for what op-reconcile last set; someone changed it in OpenProject since. */
  "edited-in-openproject",
  /** Both moved since op-reconcile last set it. */
  "both-changed",
  /** op-reconcile never set this work package. */
  "first-sync"
)
export type Cause = typeof Cause.Type

/** What op-reconcile last set on a work package, as its latest audit comment's marker says. */
export class LastApplied extends Schema.Class<LastApplied>("LastApplied")({
  status: Schema.String,
  /** When the journal holding the marker was written (ISO). */
  at: Schema.optional(Schema.String),
  commit: Schema.optional(Schema.String),
  /** The plan document and line the marker names. */
  source: Schema.optional(Schema.String),
  line: Schema.optional(Schema.Int)
}) {}
