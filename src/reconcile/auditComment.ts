import { PlannedChange } from "../domain/plan.js"
import { AppliedMarker, encodeMarker } from "../drift/marker.js"
import { escapeMarkdown } from "../render/markdownEscape.js"

/** Where a run comes from, for the audit trail on each transitioned work package. */
export interface AuditContext {
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
      source: change.source,
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

/** A route as people read it, each status escaped: New → In progress → Closed. */
const quotedRoute = (stops: ReadonlyArray<string>): string => stops.map(quoted).join(" → ")

/** What one item's walk set: the statuses, in order, and whether it reached the planned target. */
export interface AuditWalk {
  readonly moved: ReadonlyArray<string>
  readonly complete: boolean
  /** The status the work package was left in (the target, or where a route stopped). */
  readonly reachedStatusId: number
}

const firstLine = (change: PlannedChange, walk: AuditWalk | undefined): string => {
  const moved = walk?.moved ?? [change.to]
  const reached = moved[moved.length - 1] ?? change.to
  const through = moved.slice(0, -1)
  const via = through.length === 0 ? "" : ` through **${through.map(quoted).join("**, **")}**`
  const head = `Status changed from **${quoted(change.from)}** to **${quoted(reached)}**${via} by op-reconcile`
  if (walk === undefined || walk.complete) {
    const route =
      change.route !== undefined && change.route.length > 1
        ? ` (route ${quotedRoute([change.from, ...change.route])})`
        : ""
    return `${head}${route}, because the plan asks for it:`
  }
  return (
    `${head}, on its route ${quotedRoute([change.from, ...(change.route ?? [change.to])])}; the next step could ` +
    `not be made, so it stops at **${quoted(reached)}** and the next run continues from there. The plan asks for it:`
  )
}

export const auditComment = (
  change: PlannedChange,
  context: AuditContext,
  lockVersionAfter: number,
  walk?: AuditWalk
): string => {
  const lines = [firstLine(change, walk), `${quotedPath(change.source)}, line ${change.line}.`]
  if (context.commit !== undefined) lines.push(`Commit: ${context.commit}.`)
  if (context.runUrl !== undefined) lines.push(`Run: ${context.runUrl}`)
  lines.push(
    "Change the plan, not this work package: the next reconcile run restores what the plan says.",
    // The last-applied state is what op-reconcile set: where a route stopped, not where it was going.
    auditMarker(
      walk === undefined || walk.complete
        ? change
        : new PlannedChange({
            ...change,
            to: walk.moved[walk.moved.length - 1] ?? change.to,
            toStatusId: walk.reachedStatusId
          }),
      context,
      lockVersionAfter
    )
  )
  return lines.join("\n")
}
