import type { PlannedChange } from "../domain/plan.js"
import { AppliedMarker, encodeMarker } from "../drift/marker.js"
import { escapeMarkdown } from "../render/markdownEscape.js"

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

/** Longest status name or path quoted in a comment; longer ones are cut with an ellipsis. */
const MAX_QUOTED_CHARS = 300

/**
 * OpenProject renders comments as markdown and links `#123` and `@user`: the status names (OpenProject's
 * own, which an admin edits) and the path are escaped like any value in the pull-request comment.
 */
const quoted = (text: string): string => escapeMarkdown(text, MAX_QUOTED_CHARS)

/** A plain path reads best as code; anything unusual is escaped like any other value. */
const quotedPath = (path: string): string => (/^[\w .:/+()-]+$/.test(path) ? `\`${path}\`` : quoted(path))

export const auditComment = (change: PlannedChange, context: AuditContext, lockVersionAfter: number): string => {
  const lines = [
    `Status changed from **${quoted(change.from)}** to **${quoted(change.to)}** by op-reconcile, because the plan asks for it:`,
    `${quotedPath(context.sourcePath)}, line ${change.line}.`
  ]
  if (context.commit !== undefined) lines.push(`Commit: ${context.commit}.`)
  if (context.runUrl !== undefined) lines.push(`Run: ${context.runUrl}`)
  lines.push(
    "Change the plan, not this work package: the next reconcile run restores what the plan says.",
    auditMarker(change, context, lockVersionAfter)
  )
  return lines.join("\n")
}
