import type { ApplyReport, ChangeResult, Outcome } from "../domain/outcome.js"
import { oneLine } from "../safeText/oneLine.js"
import { type Paint, painter, type Tone } from "./ansi.js"
import { sourceLocation } from "./sourceLocation.js"
import { applySummaryLine } from "./summaryLines.js"
import {
  blockedLines,
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
  path: string,
  paint: Paint,
  widths: { readonly id: number; readonly transition: number }
): ReadonlyArray<string> => {
  const { mark, tone } = OUTCOME_STYLE[r.outcome]
  const head =
    `${paint(tone, mark)} ${paint("bold", wpLabel(r.workPackageId).padEnd(widths.id))}  ` +
    `${resultTransition(r).padEnd(widths.transition)}  ${paint(tone, r.outcome.padEnd(OUTCOME_WIDTH))}  ` +
    `(${sourceLocation(path, r.line)})  ${paint("dim", oneLine(r.subject))}`
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
  const path = report.source.path
  const widths = {
    id: widest([...report.results, ...report.drift, ...report.blocked].map((r) => wpLabel(r.workPackageId))),
    transition: widest(report.results.map(resultTransition))
  }
  return joinBlocks([
    report.results.length === 0
      ? ["Nothing to apply."]
      : report.results.flatMap((r) => resultLines(r, path, paint, widths)),
    driftLines(path, report.drift, report.planCreatedAt ?? "", paint, widths.id),
    blockedLines(path, report.blocked, paint, widths.id),
    [paint("bold", applySummaryLine(report.summary))]
  ])
}
