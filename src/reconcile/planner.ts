import type { DesiredRow, DesiredState } from "../domain/desired.js"
import type { ObservedState, ObservedWorkPackage, Status } from "../domain/observed.js"
import {
  BlockedItem,
  InSyncItem,
  PLAN_FORMAT_VERSION,
  Plan,
  PlannedChange,
  type PlanSource,
  PlanSummary,
  SkippedItem
} from "../domain/plan.js"
import { DEFAULT_VOCABULARY, statusNameFor, type Vocabulary } from "../domain/vocabulary.js"
import { makeStatusIndex, type StatusIndex } from "./statusIndex.js"

export interface PlanInput {
  readonly desired: DesiredState
  readonly observed: ObservedState
  readonly source: PlanSource
  readonly openProjectUrl: string
  readonly createdAt: string
  readonly commit?: string
  /** What the plan's words mean on this OpenProject (a config's `states:`); default: each word its own name. */
  readonly vocabulary?: Vocabulary
}

type RowVerdict =
  | { readonly _tag: "Change"; readonly item: PlannedChange }
  | { readonly _tag: "InSync"; readonly item: InSyncItem }
  | { readonly _tag: "Blocked"; readonly item: BlockedItem }

const byPosition = <A extends { readonly line: number; readonly column: number }>(a: A, b: A): number =>
  a.line - b.line || a.column - b.column

export const workPackageNotFoundMessage = (id: number): string =>
  `wp#${id} does not exist or is not visible to this API user (OpenProject answers both with the same 404). ` +
  "Check the number in the table, or make the API user a member of the work package's project."

export const unknownStatusMessage = (
  state: string,
  serverStatuses: ReadonlyArray<string>,
  /** The plan's word, when `states:` maps it to `state`. */
  mappedFrom?: string
): string => {
  const known = serverStatuses.length === 0 ? "it lists no statuses" : `its statuses are: ${serverStatuses.join(", ")}`
  if (mappedFrom !== undefined) {
    return (
      `"${state}" (what **${mappedFrom}** means through the config's states:) is not a status on this OpenProject ` +
      `(${known}). Map ${mappedFrom} to one of them in states:, or add the status in OpenProject.`
    )
  }
  return (
    `"${state}" is not a status on this OpenProject (${known}). ` +
    "Map the plan's word to one of them in the config's states: (see `op-reconcile statuses`), " +
    "or rename the status in OpenProject (runbook §7)."
  )
}

const blocked = (row: DesiredRow, reason: BlockedItem["reason"], message: string, state = row.state): RowVerdict => ({
  _tag: "Blocked",
  item: new BlockedItem({
    workPackageId: row.workPackageId,
    state,
    reason,
    message,
    line: row.line,
    column: row.column
  })
})

const change = (row: DesiredRow, wp: ObservedWorkPackage, target: Status): PlannedChange =>
  new PlannedChange({
    workPackageId: wp.id,
    subject: wp.subject,
    from: wp.statusName,
    fromStatusId: wp.statusId,
    to: target.name,
    toStatusId: target.id,
    toStatusHref: target.href,
    lockVersion: wp.lockVersion,
    line: row.line,
    column: row.column
  })

const planRow = (
  row: DesiredRow,
  observed: ObservedState,
  statuses: StatusIndex,
  vocabulary: Vocabulary
): RowVerdict => {
  const wp = observed.workPackages.get(row.workPackageId)
  if (wp === undefined) {
    return blocked(row, "WorkPackageNotFound", workPackageNotFoundMessage(row.workPackageId))
  }
  const statusName = statusNameFor(vocabulary, row.state)
  const target = statuses.byName(statusName)
  if (target === undefined) {
    const mappedFrom = statusName === row.state ? undefined : row.state
    return blocked(row, "UnknownStatus", unknownStatusMessage(statusName, statuses.names, mappedFrom), statusName)
  }
  if (wp.statusId === target.id) {
    return {
      _tag: "InSync",
      item: new InSyncItem({ workPackageId: wp.id, subject: wp.subject, state: target.name, line: row.line })
    }
  }
  return { _tag: "Change", item: change(row, wp, target) }
}

/**
 * The reader rejects one work package asked for in different states; the same state asked for twice is
 * harmless but must not become two writes, so only the first row (by position) is planned.
 */
const firstRowPerWorkPackage = (desired: DesiredState) => {
  const rows = [...desired.rows].sort(byPosition)
  const first = new Map<number, DesiredRow>()
  const duplicates: Array<SkippedItem> = []
  for (const row of rows) {
    const earlier = first.get(row.workPackageId)
    if (earlier === undefined) first.set(row.workPackageId, row)
    else {
      duplicates.push(
        new SkippedItem({
          reason: "DuplicateRow",
          message:
            `wp#${row.workPackageId} is already listed at line ${earlier.line}; ` +
            "planned once from that row. Keep one row per work package.",
          line: row.line,
          column: row.column,
          workPackageId: row.workPackageId
        })
      )
    }
  }
  return { rows: [...first.values()], duplicates }
}

/** Compare the desired state with what OpenProject shows and decide, row by row, what to do. Pure. */
export const plan = (input: PlanInput): Plan => {
  const statuses = makeStatusIndex(input.observed.statuses)
  const { rows, duplicates } = firstRowPerWorkPackage(input.desired)
  const changes: Array<PlannedChange> = []
  const inSync: Array<InSyncItem> = []
  const blockedItems: Array<BlockedItem> = []
  for (const row of rows) {
    const verdict = planRow(row, input.observed, statuses, input.vocabulary ?? DEFAULT_VOCABULARY)
    if (verdict._tag === "Change") changes.push(verdict.item)
    else if (verdict._tag === "InSync") inSync.push(verdict.item)
    else blockedItems.push(verdict.item)
  }
  const skipped = [
    ...input.desired.skipped.map(
      (s) =>
        new SkippedItem({
          reason: s.reason,
          message: s.message,
          line: s.line,
          column: s.column,
          ...(s.workPackageId === undefined ? {} : { workPackageId: s.workPackageId })
        })
    ),
    ...duplicates
  ].sort(byPosition)
  // One path for every warning: each skipped row (the reader's and the duplicates) is one, in source order.
  const warnings = skipped.map((s) => `${input.desired.file}:${s.line}: ${s.message}`)
  return new Plan({
    formatVersion: PLAN_FORMAT_VERSION,
    createdAt: input.createdAt,
    source: input.source,
    ...(input.commit === undefined ? {} : { commit: input.commit }),
    openProjectUrl: input.openProjectUrl,
    summary: new PlanSummary({
      changes: changes.length,
      inSync: inSync.length,
      skipped: skipped.length,
      blocked: blockedItems.length
    }),
    changes,
    inSync,
    skipped,
    blocked: blockedItems,
    warnings
  })
}

/**
 * Rebase one change onto the work package as it was just re-read (after a 409): someone else moved it,
 * so the transition now starts from where it is, under its new lockVersion.
 */
export const replanOne = (change: PlannedChange, current: ObservedWorkPackage): "AlreadyAtTarget" | PlannedChange =>
  current.statusId === change.toStatusId
    ? "AlreadyAtTarget"
    : new PlannedChange({
        ...change,
        subject: current.subject,
        from: current.statusName,
        fromStatusId: current.statusId,
        lockVersion: current.lockVersion
      })

/**
 * For a saved plan applied later: does the change's precondition still hold on the re-read work package?
 * `Stale` means someone edited it since the plan was made (its lockVersion moved), so the saved change is
 * not applied; `AlreadyAtTarget` wins over `Stale` because there is nothing left to do.
 */
export const savedChangeVerdict = (
  change: PlannedChange,
  current: ObservedWorkPackage
): "AlreadyAtTarget" | "Holds" | "Stale" => {
  if (current.statusId === change.toStatusId) return "AlreadyAtTarget"
  return current.lockVersion === change.lockVersion && current.statusId === change.fromStatusId ? "Holds" : "Stale"
}
