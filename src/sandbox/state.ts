import { type Journal, type JournalChange, recordChange, type StatusChange } from "./journal.js"
import type { ConcurrentEdit, NotifyRecord, SandboxConfig } from "./SandboxConfig.js"
import { DEFAULT_TYPE, type World } from "./world.js"

/** The sandbox's changing data: work packages with their journals, read counts and recorded notify flags. */

export interface WorkPackageRecord {
  readonly id: number
  readonly subject: string
  readonly typeId: number
  readonly statusId: number
  readonly lockVersion: number
  readonly createdAt: number
  readonly updatedAt: number
  readonly journals: ReadonlyArray<Journal>
  /** How often the work package was read (single GET or collection element); drives concurrent edits. */
  readonly reads: number
}

export interface SandboxState {
  readonly workPackages: ReadonlyMap<number, WorkPackageRecord>
  readonly nextActivityId: number
  readonly pendingEdits: ReadonlyArray<ConcurrentEdit>
  readonly notifications: ReadonlyArray<NotifyRecord>
}

const FIRST_LOCK_VERSION = 1

export const initialState = (config: SandboxConfig, world: World, now: number): SandboxState => {
  let nextActivityId = 1
  const workPackages = new Map<number, WorkPackageRecord>()
  for (const seed of [...config.workPackages].sort((a, b) => a.id - b.id)) {
    const status = world.statusByName(seed.status)
    const typeId = world.typeIdByName(seed.type ?? DEFAULT_TYPE)
    // makeWorld has checked every name; a miss here would be a bug in that check.
    if (status === undefined || typeId === undefined) continue
    const creation: Journal = {
      id: nextActivityId++,
      version: 1,
      userId: world.colleague.id,
      createdAt: now,
      updatedAt: now,
      comment: "",
      statusChange: undefined
    }
    workPackages.set(seed.id, {
      id: seed.id,
      subject: seed.subject,
      typeId,
      statusId: status.id,
      lockVersion: FIRST_LOCK_VERSION,
      createdAt: now,
      updatedAt: now,
      journals: [creation],
      reads: 0
    })
  }
  return { workPackages, nextActivityId, pendingEdits: config.concurrentEdits ?? [], notifications: [] }
}

const withWorkPackage = (state: SandboxState, wp: WorkPackageRecord): SandboxState => {
  const workPackages = new Map(state.workPackages)
  workPackages.set(wp.id, wp)
  return { ...state, workPackages }
}

/** Add a journal entry to a work package; the work package's own fields are left to the caller. */
export const journalize = (
  state: SandboxState,
  wp: WorkPackageRecord,
  change: JournalChange
): { readonly state: SandboxState; readonly wp: WorkPackageRecord; readonly journal: Journal } => {
  const { journal, journals, usedId } = recordChange(wp.journals, change, state.nextActivityId)
  const updated = { ...wp, journals }
  return {
    state: withWorkPackage({ ...state, nextActivityId: state.nextActivityId + (usedId ? 1 : 0) }, updated),
    wp: updated,
    journal
  }
}

/** A saved status change by `userId`: lockVersion + 1, updatedAt, and a journal detail. */
export const changeStatus = (
  state: SandboxState,
  wp: WorkPackageRecord,
  toStatusId: number,
  userId: number,
  now: number
): { readonly state: SandboxState; readonly wp: WorkPackageRecord } => {
  const statusChange: StatusChange = { fromId: wp.statusId, toId: toStatusId }
  const saved: WorkPackageRecord = { ...wp, statusId: toStatusId, lockVersion: wp.lockVersion + 1, updatedAt: now }
  const { state: next, wp: journaled } = journalize(state, saved, { userId, at: now, comment: "", statusChange })
  return { state: next, wp: journaled }
}

/**
 * Count one read of each work package and apply the concurrent edits that are now due. The caller renders
 * the records it passed in (what this read saw); the edits land right after.
 */
export const countReads = (
  state: SandboxState,
  ids: ReadonlyArray<number>,
  world: World,
  now: number
): SandboxState => {
  // One copy of the map per read request: a page can hold a thousand work packages.
  const workPackages = new Map(state.workPackages)
  const due: Array<ConcurrentEdit> = []
  for (const id of ids) {
    const wp = workPackages.get(id)
    if (wp === undefined) continue
    const reads = wp.reads + 1
    workPackages.set(id, { ...wp, reads })
    for (const e of state.pendingEdits) if (e.workPackageId === id && e.afterReads === reads) due.push(e)
  }
  let next: SandboxState = {
    ...state,
    workPackages,
    pendingEdits: state.pendingEdits.filter((e) => !due.includes(e))
  }
  for (const edit of due) next = applyConcurrentEdit(next, edit.workPackageId, edit, world, now)
  return next
}

const applyConcurrentEdit = (
  state: SandboxState,
  id: number,
  edit: ConcurrentEdit,
  world: World,
  now: number
): SandboxState => {
  const wp = state.workPackages.get(id)
  if (wp === undefined) return state
  const target = edit.status === undefined ? undefined : world.statusByName(edit.status)
  if (target !== undefined && target.id !== wp.statusId) {
    return changeStatus(state, wp, target.id, world.colleague.id, now).state
  }
  // Another user saved something else (a description, a date): only the lock version moves.
  const touched = { ...wp, lockVersion: wp.lockVersion + 1, updatedAt: now }
  return journalize(state, touched, { userId: world.colleague.id, at: now, comment: "", statusChange: undefined }).state
}

export const recordNotify = (state: SandboxState, record: NotifyRecord): SandboxState => ({
  ...state,
  notifications: [...state.notifications, record]
})
