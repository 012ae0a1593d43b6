import type { ApplyReport, ChangeResult, Outcome } from "../domain/outcome.js"
import { leftOutSections } from "./leftOutSections.js"
import { DEFAULT_MAX_COMMENT_LENGTH, fitToBudget } from "./markdownBudget.js"
import { escapeMarkdown, escapeMarkdownProse } from "./markdownEscape.js"
import { sourceCell, tableHeader, tableRow, transitionCell, workPackageCell } from "./markdownTable.js"
import { commentHead, driftSection, type MarkdownOptions } from "./renderPlanMarkdown.js"
import { applySummaryLine } from "./summaryLines.js"

const OUTCOME_CELL: Record<Outcome, string> = {
  failed: "❌ failed",
  stale: "⚠️ stale",
  applied: "✅ applied",
  unchanged: "➖ unchanged"
}

// Failures first: when the table must be cut to fit, what someone has to act on stays visible.
const OUTCOME_RANK: Record<Outcome, number> = { failed: 0, stale: 1, applied: 2, unchanged: 3 }

const detailsCell = (r: ChangeResult): string =>
  [
    ...(r.error === undefined ? [] : [escapeMarkdownProse(r.error.message, 600)]),
    ...(r.error?.hint === undefined ? [] : [`Hint: ${escapeMarkdownProse(r.error.hint, 400)}`]),
    ...r.warnings.map((w) => `Warning: ${escapeMarkdownProse(w, 400)}`)
  ].join("<br>")

/** The outcome of an apply as a pull-request comment, in the same shape as the plan comment. */
export const renderApplyMarkdown = (report: ApplyReport, options: MarkdownOptions): string => {
  const wp = (id: number) => workPackageCell(report.openProjectUrl, id)
  const where = (item: { readonly source: string; readonly line: number }) => sourceCell(item.source, item.line)
  const results = [...report.results].sort(
    (a, b) => OUTCOME_RANK[a.outcome] - OUTCOME_RANK[b.outcome] || a.line - b.line
  )
  return fitToBudget({
    head: commentHead(options, applySummaryLine(report.summary)),
    tableHeader: tableHeader(["Outcome", "Work package", "Subject", "Transition", "Source", "Details"]),
    tableRows: results.map((r) =>
      tableRow([
        OUTCOME_CELL[r.outcome],
        wp(r.workPackageId),
        escapeMarkdown(r.subject),
        transitionCell(r.from, r.to, r.route),
        where(r),
        detailsCell(r)
      ])
    ),
    moreRowsNote: (n) => `\n… and ${n} more ${n === 1 ? "result" : "results"} (see the JSON report).\n`,
    sections: [
      ...driftSection(report.drift, report.planCreatedAt ?? "", wp, where),
      ...leftOutSections(report, report.blocked, report.skipped, "JSON report")
    ],
    maxLength: options.maxLength ?? DEFAULT_MAX_COMMENT_LENGTH
  })
}
