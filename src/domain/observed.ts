import { Schema } from "effect"

/** A status as the OpenProject server knows it. */
export class Status extends Schema.Class<Status>("Status")({
  id: Schema.Int,
  name: Schema.String,
  isClosed: Schema.Boolean,
  /** The status new work packages get (OpenProject marks one); absent when the server does not say. */
  isDefault: Schema.optional(Schema.Boolean),
  /** The href to send back in a PATCH, exactly as the server gave it (it may carry a sub-path prefix). */
  href: Schema.String
}) {}

/** What the planner needs to know of one work package. */
export class ObservedWorkPackage extends Schema.Class<ObservedWorkPackage>("ObservedWorkPackage")({
  id: Schema.Int,
  subject: Schema.String,
  lockVersion: Schema.Int,
  statusId: Schema.Int,
  /** The status title as the server rendered it (for display; compare ids, not names). */
  statusName: Schema.String,
  /** The type's name as the server rendered it (routes may be per type); absent when the server sent none. */
  typeName: Schema.optional(Schema.String)
}) {}

/**
 * The observed state: the work packages the server returned for the ids that were asked for.
 * An id that was asked for and is absent does not exist or is not visible to this user.
 */
export interface ObservedState {
  readonly workPackages: ReadonlyMap<number, ObservedWorkPackage>
  readonly statuses: ReadonlyArray<Status>
}
