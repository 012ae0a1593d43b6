import type { ApplyReport } from "../domain/outcome.js"
import type { BlockedItem, Plan, PlannedChange, SkippedItem } from "../domain/plan.js"
import { causePhrase, driftPhrase } from "../drift/explain.js"
import { checkNotes, refusedChanges, stops } from "../render/workflowNotes.js"
import { type Annotation, annotation } from "./annotations.js"

/**
 * The plan's skipped rows (warnings, as the runbook's WARN lines) and blocked items (errors: the sync cannot
 * hold until someone fixes them) as annotations on the plan file's lines.
 * `fileOf` gives the workspace-relative path of an item's plan (see `annotationPath`).
 */
export const planAnnotations = (plan: Plan, fileOf: (source: string) => string): ReadonlyArray<string> => [
  ...skippedAnnotations(plan.skipped, fileOf),
  // A change the workflow would refuse fails after the merge: an error on the line that asks for it.
  ...refusedChanges(plan).map((change) =>
    annotation({
      level: "error",
      file: fileOf(change.source),
      line: change.line,
      col: change.column,
      title: `op-reconcile: wp#${change.workPackageId} ${stops(change).join(" → ")} would be refused by OpenProject's workflow`,
      message: checkNotes(change).join("\n")
    })
  ),
  ...blockedAnnotations(plan.blocked, fileOf),
  ...driftAnnotations(plan.drift, plan.createdAt, fileOf),
  // Self-heal on: tell, before it happens, whose edit the next apply reverts.
  ...plan.changes
    .filter((c) => c.cause === "edited-in-openproject" || c.cause === "both-changed")
    .map((c) =>
      annotation({
        level: "warning",
        file: fileOf(c.source),
        line: c.line,
        col: c.column,
        title: `op-reconcile: wp#${c.workPackageId} ${c.from} → ${c.to}`,
        message: `${causePhrase(c, plan.createdAt) ?? ""}.`
      })
    )
]

/** Every skipped row (a duplicate included) is a warning on its line, in a plan and in an apply alike. */
const skippedAnnotations = (
  skipped: ReadonlyArray<SkippedItem>,
  fileOf: (source: string) => string
): ReadonlyArray<string> =>
  skipped.map((item) =>
    annotation({
      level: "warning",
      file: fileOf(item.source),
      line: item.line,
      col: item.column,
      title:
        item.workPackageId === undefined
          ? "op-reconcile: row skipped"
          : `op-reconcile: wp#${item.workPackageId} skipped`,
      message: item.message
    })
  )

/** Self-heal off: someone's edit in OpenProject that the run leaves, on the row that asks otherwise. */
const driftAnnotations = (
  drift: ReadonlyArray<PlannedChange>,
  now: string,
  fileOf: (source: string) => string
): ReadonlyArray<string> =>
  drift.map((item) =>
    annotation({
      level: "notice",
      file: fileOf(item.source),
      line: item.line,
      col: item.column,
      title: `op-reconcile: wp#${item.workPackageId} drift`,
      message: `${item.from} in OpenProject, ${item.to} in the plan: ${driftPhrase(item, now)}.`
    })
  )

const blockedAnnotations = (
  blocked: ReadonlyArray<BlockedItem>,
  fileOf: (source: string) => string
): ReadonlyArray<string> =>
  blocked.map((item) =>
    annotation({
      level: "error",
      file: fileOf(item.source),
      line: item.line,
      col: item.column,
      title: `op-reconcile: wp#${item.workPackageId} blocked`,
      message: item.message
    })
  )

/** Failed items of an apply, on the lines that asked for them, after the plan's skipped and blocked rows. */
export const applyAnnotations = (report: ApplyReport, fileOf: (source: string) => string): ReadonlyArray<string> => [
  ...skippedAnnotations(report.skipped, fileOf),
  ...blockedAnnotations(report.blocked, fileOf),
  ...driftAnnotations(report.drift, report.planCreatedAt ?? "", fileOf),
  ...report.results
    .filter((result) => result.outcome === "failed")
    .map((result) => {
      const detail: Annotation = {
        level: "error",
        file: fileOf(result.source),
        line: result.line,
        title: `op-reconcile: wp#${result.workPackageId} ${result.from} → ${result.to} failed`,
        message: [result.error?.message, result.error?.hint].filter((s) => s !== undefined).join("\n")
      }
      return annotation(detail)
    })
]
