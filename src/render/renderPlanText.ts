import type { Plan } from "../domain/plan.js"
import { painter } from "./ansi.js"
import { sourceLocation } from "./sourceLocation.js"
import { planSummaryLine } from "./summaryLines.js"
import { terminalSafe } from "./terminalSafe.js"
import { blockedLines, joinBlocks, type TextOptions, transitionText, widest, wpLabel } from "./textBlocks.js"

/**
 * Terraform-style plan for a terminal or a CI log: one line per change, the blocked rows, then the summary.
 * Warnings are not part of it: they go to stderr (warningText.ts), so stdout carries only the plan.
 */
export const renderPlanText = (plan: Plan, options: TextOptions): string => {
  const paint = painter(options.color)
  const idWidth = widest([...plan.changes, ...plan.blocked].map((i) => wpLabel(i.workPackageId)))
  const transitionWidth = widest(plan.changes.map((c) => transitionText(c.from, c.to)))
  const changes = plan.changes.map(
    (c) =>
      `${paint("yellow", "~")} ${paint("bold", wpLabel(c.workPackageId).padEnd(idWidth))}  ` +
      `${transitionText(c.from, c.to).padEnd(transitionWidth)}  (${sourceLocation(plan.source.path, c.line)})  ` +
      paint("dim", terminalSafe(c.subject))
  )
  return joinBlocks([
    changes,
    blockedLines(plan.source.path, plan.blocked, paint, idWidth),
    [paint("bold", planSummaryLine(plan.summary))]
  ])
}
