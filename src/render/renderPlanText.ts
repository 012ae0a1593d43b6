import type { Plan, PlannedChange } from "../domain/plan.js"
import { causePhrase } from "../drift/explain.js"
import { oneLine } from "../safeText/oneLine.js"
import { painter } from "./ansi.js"
import { sourceLocation } from "./sourceLocation.js"
import { planSummaryLine } from "./summaryLines.js"
import { blockedLines, byPlan, driftLines, joinBlocks, type TextOptions, widest, wpLabel } from "./textBlocks.js"
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
  const changeLines = (c: PlannedChange) => [
    `${isRefused(c) ? paint("red", "✗") : paint("yellow", "~")} ${paint("bold", wpLabel(c.workPackageId).padEnd(idWidth))}  ` +
      `${transition(c).padEnd(transitionWidth)}  ` +
      (whyWidth > 0 ? `${why(c).padEnd(whyWidth)}  ` : "") +
      `(${sourceLocation(c.source, c.line)})  ` +
      paint("dim", oneLine(c.subject)),
    ...checkNotes(c).map((note) => `    ${isRefused(c) ? paint("red", oneLine(note)) : oneLine(note)}`)
  ]
  const drift = (items: ReadonlyArray<PlannedChange>) => driftLines(items, plan.createdAt, paint, idWidth)
  const refusals = refusalSummary(plan)
  const summary = [
    paint("bold", planSummaryLine(plan.summary)),
    ...(refusals === undefined ? [] : [paint("red", refusals)])
  ]
  // One plan: changes, drift and blocked rows each in their own block, as a one-plan run always showed them.
  if (plan.sources.length <= 1) {
    return joinBlocks([
      plan.changes.flatMap(changeLines),
      drift(plan.drift),
      blockedLines(plan.blocked, paint, idWidth),
      summary
    ])
  }
  // Several plans: each plan's lines under its name, in the config's order.
  const of = <T extends { readonly source: string }>(items: ReadonlyArray<T>, source: string) =>
    items.filter((i) => i.source === source)
  const plans = byPlan(plan.sources, paint, (source) => [
    ...of(plan.changes, source).flatMap(changeLines),
    ...drift(of(plan.drift, source)),
    ...blockedLines(of(plan.blocked, source), paint, idWidth)
  ])
  return joinBlocks([...plans, summary])
}
