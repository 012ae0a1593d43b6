import { ApplyReport, ApplySummary, ChangeResult, ItemError } from "../../src/domain/outcome.js"
import {
  BlockedItem,
  InSyncItem,
  Plan,
  PlannedChange,
  PlanSource,
  PlanSummary,
  SkippedItem
} from "../../src/domain/plan.js"

export const SOURCE = new PlanSource({ path: "documentation/F1_BUY_BOOST_PLAN.md", sha256: "0f".repeat(32) })

export const change = (workPackageId: number, from: string, to: string, line: number, subject: string) =>
  new PlannedChange({
    workPackageId,
    subject,
    from,
    fromStatusId: 4,
    to,
    toStatusId: 2,
    toStatusHref: "/api/v3/statuses/2",
    lockVersion: 5,
    source: SOURCE.path,
    line,
    column: 38
  })

export const inSync = (workPackageId: number, state: string, line: number, subject: string) =>
  new InSyncItem({ workPackageId, subject, state, source: SOURCE.path, line })

export const notFound = (workPackageId: number, state: string, line: number) =>
  new BlockedItem({
    workPackageId,
    state,
    reason: "WorkPackageNotFound",
    message: `wp#${workPackageId} does not exist or is not visible to this API user (OpenProject answers both with the same 404).`,
    source: SOURCE.path,
    line,
    column: 38
  })

export const skipped = (line: number, message: string) =>
  new SkippedItem({ reason: "NoBoldState", message, source: SOURCE.path, line, column: 1 })

export const makePlan = (parts: {
  changes?: ReadonlyArray<PlannedChange>
  inSync?: ReadonlyArray<InSyncItem>
  blocked?: ReadonlyArray<BlockedItem>
  skipped?: ReadonlyArray<SkippedItem>
  openProjectUrl?: string
}) => {
  const changes = parts.changes ?? []
  const inSyncItems = parts.inSync ?? []
  const blocked = parts.blocked ?? []
  const skippedItems = parts.skipped ?? []
  return new Plan({
    formatVersion: 2,
    createdAt: "2026-11-25T10:00:00.000Z",
    sources: [SOURCE],
    commit: "9f86d08",
    openProjectUrl: parts.openProjectUrl ?? "https://op.example.com",
    summary: new PlanSummary({
      changes: changes.length,
      inSync: inSyncItems.length,
      skipped: skippedItems.length,
      blocked: blocked.length
    }),
    changes,
    inSync: inSyncItems,
    skipped: skippedItems,
    blocked,
    warnings: skippedItems.map((s) => `${SOURCE.path}:${s.line}: ${s.message}`)
  })
}

export const result = (
  workPackageId: number,
  outcome: ChangeResult["outcome"],
  line: number,
  extra: { error?: ItemError; warnings?: ReadonlyArray<string>; subject?: string } = {}
) =>
  new ChangeResult({
    workPackageId,
    subject: extra.subject ?? `Story ${workPackageId}`,
    from: "In progress",
    to: "New",
    source: SOURCE.path,
    line,
    outcome,
    ...(extra.error === undefined ? {} : { error: extra.error }),
    warnings: extra.warnings ?? []
  })

export const makeReport = (
  results: ReadonlyArray<ChangeResult>,
  rest: { blocked?: ReadonlyArray<BlockedItem>; skipped?: ReadonlyArray<SkippedItem> } = {}
) => {
  const count = (o: ChangeResult["outcome"]) => results.filter((r) => r.outcome === o).length
  const blocked = rest.blocked ?? []
  const skippedItems = rest.skipped ?? []
  return new ApplyReport({
    formatVersion: 2,
    sources: [SOURCE],
    openProjectUrl: "https://op.example.com",
    summary: new ApplySummary({
      applied: count("applied"),
      unchanged: count("unchanged"),
      failed: count("failed"),
      stale: count("stale"),
      skipped: skippedItems.length,
      blocked: blocked.length
    }),
    results,
    skipped: skippedItems,
    blocked,
    warnings: skippedItems.map((s) => `${SOURCE.path}:${s.line}: ${s.message}`)
  })
}

export const transitionRefused = new ItemError({
  tag: "TransitionRefused",
  message: "Status is invalid because no valid transition exists from old to new status for the current user's roles.",
  hint: "Allow In progress → New in OpenProject's workflow for the API user's role (runbook §7)."
})
