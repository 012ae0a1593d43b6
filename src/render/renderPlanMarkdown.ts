import type { Plan } from "../domain/plan.js"
import { leftOutSections } from "./leftOutSections.js"
import { fitToBudget } from "./markdownBudget.js"
import { escapeMarkdown, markerComment } from "./markdownEscape.js"
import { detailsSection, sourceCell, tableHeader, tableRow, transitionCell, workPackageCell } from "./markdownTable.js"
import { planSummaryLine } from "./summaryLines.js"

export interface MarkdownOptions {
  readonly marker: string
  readonly title?: string
  /** Default 65,000: GitHub's limit is 65,536, the rest is headroom for whoever wraps the body. */
  readonly maxLength?: number
}

export const DEFAULT_MAX_COMMENT_LENGTH = 65_000

export const commentHead = (options: MarkdownOptions, summaryLine: string): string =>
  `${markerComment(options.marker)}\n` +
  (options.title === undefined ? "" : `### ${escapeMarkdown(options.title)}\n\n`) +
  `**${escapeMarkdown(summaryLine)}**\n\n`

/** The plan as a pull-request comment: summary, a table of changes, everything else folded. */
export const renderPlanMarkdown = (plan: Plan, options: MarkdownOptions): string => {
  const wp = (id: number) => workPackageCell(plan.openProjectUrl, id)
  const where = (line: number) => sourceCell(plan.source.path, line)
  return fitToBudget({
    head: commentHead(options, planSummaryLine(plan.summary)),
    tableHeader: tableHeader(["Work package", "Subject", "Transition", "Source"]),
    tableRows: plan.changes.map((c) =>
      tableRow([wp(c.workPackageId), escapeMarkdown(c.subject), transitionCell(c.from, c.to), where(c.line)])
    ),
    moreRowsNote: (n) => `\n… and ${n} more ${n === 1 ? "change" : "changes"} (see the JSON plan).\n`,
    sections: [
      ...leftOutSections(plan, plan.blocked, plan.skipped, "JSON plan"),
      ...detailsSection(
        `${plan.inSync.length} in sync`,
        ["Work package", "Subject", "State", "Source"],
        plan.inSync.map((i) => [
          wp(i.workPackageId),
          escapeMarkdown(i.subject),
          escapeMarkdown(i.state),
          where(i.line)
        ]),
        "JSON plan"
      )
    ],
    maxLength: options.maxLength ?? DEFAULT_MAX_COMMENT_LENGTH
  })
}
