import { Schema } from "effect"
import { LastApplied } from "../domain/cause.js"
import type { DesiredState } from "../domain/desired.js"
import type { ObservedState } from "../domain/observed.js"
import { stateKey } from "../domain/states.js"
import { DEFAULT_VOCABULARY, statusNameFor, type Vocabulary } from "../domain/vocabulary.js"
import type { RowHistory } from "../reconcile/statusHistory.js"
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
  /** The plan the row is in, when the run reads a config's plans. */
  source: Schema.optional(Schema.String),
  line: Schema.Int,
  /** What op-reconcile last set, from its latest audit comment; absent when never, or when not read. */
  lastApplied: Schema.optional(LastApplied),
  /** Whether someone changed the status in OpenProject since; absent when the history was not read. */
  editedSince: Schema.optional(Schema.Boolean),
  editedBy: Schema.optional(Schema.String),
  editedAt: Schema.optional(Schema.String)
}) {}

/** The rows with what their history told (reconcile/statusHistory.ts); rows not read stay as they are. */
export const withHistory = (
  rows: ReadonlyArray<StatusRow>,
  histories: ReadonlyMap<number, RowHistory>
): ReadonlyArray<StatusRow> =>
  rows.map((row) => {
    const h = histories.get(row.workPackageId)
    if (h === undefined) return row
    const last = h.lastApplied
    return new StatusRow({
      ...row,
      ...(last === undefined
        ? {}
        : {
            lastApplied: new LastApplied({
              status: last.statusName,
              ...(last.at === undefined ? {} : { at: last.at }),
              ...(last.commit === undefined ? {} : { commit: last.commit }),
              ...(last.source === undefined ? {} : { source: last.source }),
              ...(last.line === undefined ? {} : { line: last.line })
            })
          }),
      editedSince: h.editedSince,
      ...(h.editedBy === undefined ? {} : { editedBy: h.editedBy }),
      ...(h.editedAt === undefined ? {} : { editedAt: h.editedAt })
    })
  })

/** Side by side, in document order. Sync is judged as the planner judges it: by status id when the server knows the name. */
export const statusRows = (
  desired: DesiredState,
  observed: ObservedState,
  options: { readonly vocabulary?: Vocabulary; readonly source?: string } = {}
): ReadonlyArray<StatusRow> => {
  const statuses = makeStatusIndex(observed.statuses)
  const vocabulary = options.vocabulary ?? DEFAULT_VOCABULARY
  const where = options.source === undefined ? {} : { source: options.source }
  return [...desired.rows]
    .sort((a, b) => a.line - b.line || a.column - b.column)
    .map((row) => {
      const wp = observed.workPackages.get(row.workPackageId)
      // The status the row's word stands for on this OpenProject (the config's states:).
      const wanted = statusNameFor(vocabulary, row.state)
      if (wp === undefined) {
        return new StatusRow({
          workPackageId: row.workPackageId,
          desired: wanted,
          inSync: false,
          ...where,
          line: row.line
        })
      }
      const target = statuses.byName(wanted)
      return new StatusRow({
        workPackageId: wp.id,
        subject: wp.subject,
        desired: wanted,
        current: wp.statusName,
        inSync: target === undefined ? stateKey(wp.statusName) === stateKey(wanted) : wp.statusId === target.id,
        ...where,
        line: row.line
      })
    })
}
