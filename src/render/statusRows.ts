import { Schema } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { ObservedState } from "../domain/observed.js"
import { stateKey } from "../domain/states.js"
import { makeStatusIndex } from "../reconcile/statusIndex.js"

/** One referenced work package for `op-reconcile status`: the state the document asks for next to the server's. */
export class StatusRow extends Schema.Class<StatusRow>("StatusRow")({
  workPackageId: Schema.Int,
  /** Absent when the server did not return the work package (missing or not visible). */
  subject: Schema.optional(Schema.String),
  desired: Schema.String,
  /** The server's status name; absent when the work package is missing or not visible. */
  current: Schema.optional(Schema.String),
  inSync: Schema.Boolean,
  line: Schema.Int
}) {}

/** Side by side, in document order. Sync is judged as the planner judges it: by status id when the server knows the name. */
export const statusRows = (desired: DesiredState, observed: ObservedState): ReadonlyArray<StatusRow> => {
  const statuses = makeStatusIndex(observed.statuses)
  return [...desired.rows]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((row) => {
      const wp = observed.workPackages.get(row.workPackageId)
      if (wp === undefined) {
        return new StatusRow({ workPackageId: row.workPackageId, desired: row.state, inSync: false, line: row.line })
      }
      const target = statuses.byName(row.state)
      return new StatusRow({
        workPackageId: wp.id,
        subject: wp.subject,
        desired: row.state,
        current: wp.statusName,
        inSync: target === undefined ? stateKey(wp.statusName) === stateKey(row.state) : wp.statusId === target.id,
        line: row.line
      })
    })
}
