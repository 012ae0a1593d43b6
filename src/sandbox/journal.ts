/**
 * Journals (what the API shows as activities) and OpenProject's aggregation rule: a change by the same
 * user within `journal_aggregation_time_minutes` (default 5) of that user's last journal is merged into it,
 * unless both carry a comment. So a status PATCH followed by a comment POST yields one activity.
 */

export const AGGREGATION_MILLIS = 5 * 60 * 1000

export interface StatusChange {
  readonly fromId: number
  readonly toId: number
}

export interface Journal {
  /** The activity id (global across work packages). */
  readonly id: number
  /** 1-based journal version within the work package. */
  readonly version: number
  readonly userId: number
  readonly createdAt: number
  readonly updatedAt: number
  readonly comment: string
  readonly statusChange: StatusChange | undefined
}

export interface JournalChange {
  readonly userId: number
  readonly at: number
  readonly comment: string
  readonly statusChange: StatusChange | undefined
}

const mergeStatus = (a: StatusChange | undefined, b: StatusChange | undefined): StatusChange | undefined => {
  if (a === undefined) return b
  if (b === undefined) return a
  // The aggregated journal diffs against the state before the first change; a round trip shows nothing.
  return a.fromId === b.toId ? undefined : { fromId: a.fromId, toId: b.toId }
}

const mergeable = (last: Journal, change: JournalChange): boolean =>
  last.userId === change.userId &&
  change.at - last.createdAt <= AGGREGATION_MILLIS &&
  !(last.comment !== "" && change.comment !== "")

/**
 * Record a change in a work package's journals.
 * Returns the new journal list, the journal now holding the change, and whether a new activity id was used.
 */
export const recordChange = (
  journals: ReadonlyArray<Journal>,
  change: JournalChange,
  nextActivityId: number
): { readonly journals: ReadonlyArray<Journal>; readonly journal: Journal; readonly usedId: boolean } => {
  const last = journals[journals.length - 1]
  // The creation journal (version 1) is never merged into: a seeded work package has a history.
  if (last !== undefined && last.version > 1 && mergeable(last, change)) {
    const merged: Journal = {
      ...last,
      updatedAt: change.at,
      comment: last.comment !== "" ? last.comment : change.comment,
      statusChange: mergeStatus(last.statusChange, change.statusChange)
    }
    return { journals: [...journals.slice(0, -1), merged], journal: merged, usedId: false }
  }
  const journal: Journal = {
    id: nextActivityId,
    version: journals.length + 1,
    userId: change.userId,
    createdAt: change.at,
    updatedAt: change.at,
    comment: change.comment,
    statusChange: change.statusChange
  }
  return { journals: [...journals, journal], journal, usedId: true }
}
