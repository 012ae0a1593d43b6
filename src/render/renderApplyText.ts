import type { ApplyReport, ChangeResult, Outcome } from "../domain/outcome.js"
import type { PlannedChange } from "../domain/plan.js"
import { oneLine } from "../safeText/oneLine.js"
import { type Paint, painter, type Tone } from "./ansi.js"
import { sourceLocation } from "./sourceLocation.js"
import { applySummaryLine } from "./summaryLines.js"
import {
  blockedLines,
  byPlan,
  driftLines,
  joinBlocks,
  type TextOptions,
  transitionText,
  widest,
  wpLabel
} from "./textBlocks.js"

const OUTCOME_STYLE: Record<Outcome, { readonly mark: string; readonly tone: Tone }> = {
  applied: { mark: "✓", tone: "green" },
  unchanged: { mark: "=", tone: "cyan" },
  failed: { mark: "✗", tone: "red" },
  stale: { mark: "!", tone: "yellow" }
}

/** New → Closed, or a routed change's whole route: New → In progress → Closed. */
const resultTransition = (r: ChangeResult): string =>
  r.route === undefined ? transitionText(r.from, r.to) : [r.from, ...r.route].map((s) => oneLine(s)).join(" → ")

const OUTCOME_WIDTH = widest(Object.keys(OUTCOME_STYLE))

const resultLines = (
  r: ChangeResult,
  paint: Paint,
  widths: { readonly id: number; readonly transition: number }
): ReadonlyArray<string> => {
  const { mark, tone } = OUTCOME_STYLE[r.outcome]
  const head =
    `${paint(tone, mark)} ${paint("bold", wpLabel(r.workPackageId).padEnd(widths.id))}  ` +
    `${resultTransition(r).padEnd(widths.transition)}  ${paint(tone, r.outcome.padEnd(OUTCOME_WIDTH))}  ` +
    `(${sourceLocation(r.source, r.line)})  ${paint("dim", oneLine(r.subject))}`
  return [
    head,
    ...(r.error === undefined ? [] : [`    ${oneLine(r.error.message)}`]),
    ...(r.error?.hint === undefined ? [] : [`    hint: ${oneLine(r.error.hint)}`]),
    ...r.warnings.map((w) => `    ${paint("yellow", "warning:")} ${oneLine(w)}`)
  ]
}

/** One line per change with its outcome, OpenProject's reason under each failure, then the summary. */
export const renderApplyText = (report: ApplyReport, options: TextOptions): string => {
  const paint = painter(options.color)
  const widths = {
    id: widest([...report.results, ...report.drift, ...report.blocked].map((r) => wpLabel(r.workPackageId))),
    transition: widest(report.results.map(resultTransition))
  }
  const drift = (items: ReadonlyArray<PlannedChange>) => driftLines(items, report.planCreatedAt ?? "", paint, widths.id)
  const summary = [paint("bold", applySummaryLine(report.summary))]
  // One plan: results, drift and blocked rows each in their own block, as a one-plan run always showed them.
  if (report.sources.length <= 1) {
    return joinBlocks([
      report.results.length === 0
        ? ["Nothing to apply."]
        : report.results.flatMap((r) => resultLines(r, paint, widths)),
      drift(report.drift),
      blockedLines(report.blocked, paint, widths.id),
      summary
    ])
  }
  // Several plans: each plan's lines under its name, in the config's order.
  const of = <T extends { readonly source: string }>(items: ReadonlyArray<T>, source: string) =>
    items.filter((i) => i.source === source)
  const plans = byPlan(report.sources, paint, (source) => [
    ...of(report.results, source).flatMap((r) => resultLines(r, paint, widths)),
    ...drift(of(report.drift, source)),
    ...blockedLines(of(report.blocked, source), paint, widths.id)
  ])
  return joinBlocks([...plans, summary])
}
