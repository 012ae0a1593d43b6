import type { Plan, PlannedChange } from "../domain/plan.js"
import { causePhrase } from "../drift/explain.js"
import { oneLine } from "../safeText/oneLine.js"
import { painter } from "./ansi.js"
import { sourceLocation } from "./sourceLocation.js"
import { planSummaryLine } from "./summaryLines.js"
import { blockedLines, driftLines, joinBlocks, type TextOptions, widest, wpLabel } from "./textBlocks.js"
import { checkNotes, isRefused, refusalSummary, stops } from "./workflowNotes.js"

/**
 * Terraform-style plan for a terminal or a CI log: one line per change, the blocked rows, then the summary.
 * Warnings are not part of it: they go to stderr (warningText.ts), so stdout carries only the plan.
 */
export const renderPlanText = (plan: Plan, options: TextOptions): string => {
  const paint = painter(options.color)
  const idWidth = widest([...plan.changes, ...plan.drift, ...plan.blocked].map((i) => wpLabel(i.workPackageId)))
  const transition = (c: PlannedChange) =>
    stops(c)
      .map((s) => oneLine(s))
      .join(" → ")
  const transitionWidth = widest(plan.changes.map(transition))
  const why = (c: PlannedChange) => oneLine(causePhrase(c, plan.createdAt) ?? "")
  const whyWidth = widest(plan.changes.map(why))
  const changes = plan.changes.flatMap((c) => [
    `${isRefused(c) ? paint("red", "✗") : paint("yellow", "~")} ${paint("bold", wpLabel(c.workPackageId).padEnd(idWidth))}  ` +
      `${transition(c).padEnd(transitionWidth)}  ` +
      (whyWidth > 0 ? `${why(c).padEnd(whyWidth)}  ` : "") +
      `(${sourceLocation(plan.source.path, c.line)})  ` +
      paint("dim", oneLine(c.subject)),
    ...checkNotes(c).map((note) => `    ${isRefused(c) ? paint("red", oneLine(note)) : oneLine(note)}`)
  ])
  const drift = driftLines(plan.source.path, plan.drift, plan.createdAt, paint, idWidth)
  const refusals = refusalSummary(plan)
  return joinBlocks([
    changes,
    drift,
    blockedLines(plan.source.path, plan.blocked, paint, idWidth),
    [paint("bold", planSummaryLine(plan.summary)), ...(refusals === undefined ? [] : [paint("red", refusals)])]
  ])
}
