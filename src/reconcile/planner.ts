import { BUILT } from "../domain/built.js"
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

/** One plan document of a run: its rows, its name and digest, and what its words mean. */
export interface PlanDocument {
  readonly desired: DesiredState
  /** `path` is the name items carry as `source`. */
  readonly source: PlanSource
  /** What the plan's words mean on this OpenProject (a config's `states:`); default: each word its own name. */
  readonly vocabulary?: Vocabulary
}

interface PlanContext {
  readonly observed: ObservedState
  readonly openProjectUrl: string
  readonly createdAt: string
  readonly commit?: string
}

/** A run over several documents (a config's plans), planned together against one observation. */
export interface PlanDocumentsInput extends PlanContext {
  readonly documents: ReadonlyArray<PlanDocument>
  /** The config the documents come from, recorded in the plan. */
  readonly config?: PlanSource
}

/** A run over one document (`--source`). */
export interface PlanInput extends PlanContext {
  readonly desired: DesiredState
  readonly source: PlanSource
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
    "or rename the status in OpenProject."
  )
}

/** A row with the document it was read from. */
interface SourcedRow {
  readonly row: DesiredRow
  readonly document: PlanDocument
}

const blocked = (
  { row, document }: SourcedRow,
  reason: BlockedItem["reason"],
  message: string,
  state = row.state
): RowVerdict => ({
  _tag: "Blocked",
  item: new BlockedItem({
    workPackageId: row.workPackageId,
    state,
    source: document.source.path,
    reason,
    message,
    line: row.line,
    column: row.column
  })
})

const change = ({ row, document }: SourcedRow, wp: ObservedWorkPackage, target: Status): PlannedChange =>
  new PlannedChange(
    {
      workPackageId: wp.id,
      subject: wp.subject,
      from: wp.statusName,
      fromStatusId: wp.statusId,
      to: target.name,
      toStatusId: target.id,
      toStatusHref: target.href,
      lockVersion: wp.lockVersion,
      source: document.source.path,
      line: row.line,
      column: row.column
    },
    BUILT
  )

const planRow = (sourced: SourcedRow, observed: ObservedState, statuses: StatusIndex): RowVerdict => {
  const { row } = sourced
  const vocabulary = sourced.document.vocabulary ?? DEFAULT_VOCABULARY
  const wp = observed.workPackages.get(row.workPackageId)
  if (wp === undefined) {
    return blocked(sourced, "WorkPackageNotFound", workPackageNotFoundMessage(row.workPackageId))
  }
  const statusName = statusNameFor(vocabulary, row.state)
  const target = statuses.byName(statusName)
  if (target === undefined) {
    const mappedFrom = statusName === row.state ? undefined : row.state
    return blocked(sourced, "UnknownStatus", unknownStatusMessage(statusName, statuses.names, mappedFrom), statusName)
  }
  if (wp.statusId === target.id) {
    return {
      _tag: "InSync",
      item: new InSyncItem(
        {
          workPackageId: wp.id,
          subject: wp.subject,
          state: target.name,
          source: sourced.document.source.path,
          line: row.line
        },
        BUILT
      )
    }
  }
  return { _tag: "Change", item: change(sourced, wp, target) }
}

/**
 * One work package asked for in different states is refused before planning (by the reader within a
 * document, by checkAcrossPlans between documents); the same state asked for twice is harmless but must not
 * become two writes, so only the first row (documents in order, then by position) is planned.
 */
const firstRowPerWorkPackage = (documents: ReadonlyArray<PlanDocument>) => {
  const first = new Map<number, SourcedRow>()
  const duplicates: Array<SkippedItem> = []
  for (const document of documents) {
    for (const row of [...document.desired.rows].sort(byPosition)) {
      const earlier = first.get(row.workPackageId)
      if (earlier === undefined) first.set(row.workPackageId, { row, document })
      else {
        const where =
          earlier.document === document
            ? `line ${earlier.row.line}`
            : `${earlier.document.desired.file}:${earlier.row.line}`
        duplicates.push(
          new SkippedItem({
            reason: "DuplicateRow",
            message:
              `wp#${row.workPackageId} is already listed at ${where}; ` +
              "planned once from that row. Keep one row per work package.",
            source: document.source.path,
            line: row.line,
            column: row.column,
            workPackageId: row.workPackageId
          })
        )
      }
    }
  }
  return { rows: [...first.values()], duplicates }
}

/** Compare the desired state of every document with what OpenProject shows and decide, row by row, what to do. Pure. */
export const planDocuments = (input: PlanDocumentsInput): Plan => {
  const statuses = makeStatusIndex(input.observed.statuses)
  const { rows, duplicates } = firstRowPerWorkPackage(input.documents)
  const changes: Array<PlannedChange> = []
  const inSync: Array<InSyncItem> = []
  const blockedItems: Array<BlockedItem> = []
  for (const row of rows) {
    const verdict = planRow(row, input.observed, statuses)
    if (verdict._tag === "Change") changes.push(verdict.item)
    else if (verdict._tag === "InSync") inSync.push(verdict.item)
    else blockedItems.push(verdict.item)
  }
  // Documents in order, each in source order: the reader's skipped rows and the duplicates together.
  const skippedOf = input.documents.map((document) =>
    [
      ...document.desired.skipped.map(
        (s) =>
          new SkippedItem({
            reason: s.reason,
            message: s.message,
            source: document.source.path,
            line: s.line,
            column: s.column,
            ...(s.workPackageId === undefined ? {} : { workPackageId: s.workPackageId }),
            ...(s.suggestion === undefined ? {} : { suggestion: s.suggestion })
          })
      ),
      ...duplicates.filter((d) => d.source === document.source.path)
    ]
      .sort(byPosition)
      .map((item) => ({ item, file: document.desired.file }))
  )
  const skipped = skippedOf.flat().map((s) => s.item)
  // One path for every warning: each skipped row (the reader's and the duplicates) is one, in source order.
  const warnings = skippedOf.flat().map((s) => `${s.file}:${s.item.line}: ${s.item.message}`)
  return new Plan(
    {
      formatVersion: PLAN_FORMAT_VERSION,
      createdAt: input.createdAt,
      ...(input.config === undefined ? {} : { config: input.config }),
      sources: input.documents.map((d) => d.source),
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
    },
    BUILT
  )
}

/** The plan of one document (`--source`): the same as planDocuments with a single document. */
export const plan = ({ desired, source, vocabulary, ...context }: PlanInput): Plan =>
  planDocuments({ ...context, documents: [{ desired, source, ...(vocabulary === undefined ? {} : { vocabulary }) }] })

/**
 * Rebase one change onto the work package as it was just re-read (after a 409): someone else moved it,
 * so the transition now starts from where it is, under its new lockVersion.
 */
export const replanOne = (change: PlannedChange, current: ObservedWorkPackage): "AlreadyAtTarget" | PlannedChange =>
  current.statusId === change.toStatusId
    ? "AlreadyAtTarget"
    : new PlannedChange(
        {
          ...change,
          subject: current.subject,
          from: current.statusName,
          fromStatusId: current.statusId,
          lockVersion: current.lockVersion
        },
        BUILT
      )

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
