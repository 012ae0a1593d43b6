import type { PlannedChange } from "../domain/plan.js"
import { AppliedMarker, encodeMarker } from "../drift/marker.js"

/** Where a run comes from, for the audit trail on each transitioned work package. */
export interface AuditContext {
  /** The plan document as given by the user (a repository-relative path reads best). */
  readonly sourcePath: string
  readonly commit?: string | undefined
  /** The CI run that made the change, when running in GitHub Actions. */
  readonly runUrl?: string | undefined
}

/**
 * The marker is the last-applied state (drift/marker.ts): it makes the comment recognisable when its POST's
 * answer was lost (the executor looks for it before posting again, so a transition is never commented
 * twice), and it tells later runs what op-reconcile set, so they can say whether the plan or OpenProject moved.
 */
export const auditMarker = (change: PlannedChange, context: AuditContext, lockVersionAfter: number): string =>
  encodeMarker(
    new AppliedMarker({
      wp: change.workPackageId,
      lockVersion: lockVersionAfter,
      fromId: change.fromStatusId,
      from: change.from,
      toId: change.toStatusId,
      to: change.to,
      source: context.sourcePath,
      line: change.line,
      ...(context.commit === undefined ? {} : { commit: context.commit })
    })
  )

export const auditComment = (change: PlannedChange, context: AuditContext, lockVersionAfter: number): string => {
  const lines = [
    `Status changed from **${change.from}** to **${change.to}** by op-reconcile, because the plan asks for it:`,
    `${context.sourcePath}, line ${change.line}.`
  ]
  if (context.commit !== undefined) lines.push(`Commit: ${context.commit}.`)
  if (context.runUrl !== undefined) lines.push(`Run: ${context.runUrl}`)
  lines.push(
    "Change the plan, not this work package: the next reconcile run restores what the plan says.",
    auditMarker(change, context, lockVersionAfter)
  )
  return lines.join("\n")
}
