import { Plan, type PlannedChange, type PlanSource, PlanSummary } from "../domain/plan.js"
import { causePhrase, driftPhrase } from "../drift/explain.js"
import { leftOutSections } from "./leftOutSections.js"
import {
  type BudgetedComment,
  DEFAULT_MAX_COMMENT_LENGTH,
  type FoldableSection,
  fitToBudget,
  leftOutNote
} from "./markdownBudget.js"
import { escapeMarkdown, escapeMarkdownProse, markerComment } from "./markdownEscape.js"
import { detailsSection, sourceCell, tableHeader, tableRow, workPackageCell } from "./markdownTable.js"
import { planSummaryLine } from "./summaryLines.js"
import { checkNotes, isRefused, refusalSummary, refusedChanges, stops } from "./workflowNotes.js"

export interface MarkdownOptions {
  readonly marker: string
  readonly title?: string
  /** Default DEFAULT_MAX_COMMENT_LENGTH (markdownBudget.ts, which owns GitHub's limit). */
  readonly maxLength?: number
}

export const commentHead = (options: MarkdownOptions, summaryLine: string): string =>
  `${markerComment(options.marker)}\n` +
  (options.title === undefined ? "" : `### ${escapeMarkdown(options.title)}\n\n`) +
  `**${escapeMarkdown(summaryLine)}**\n\n`

/**
 * Edits made in OpenProject that the run leaves (self-heal off): shown open, not folded, so the people who
 * made them see that op-reconcile noticed and did not revert them.
 */
export const driftSection = (
  drift: ReadonlyArray<PlannedChange>,
  now: string,
  wp: (id: number) => string,
  where: (item: { readonly source: string; readonly line: number }) => string
): ReadonlyArray<FoldableSection> => {
  if (drift.length === 0) return []
  const title = `**${drift.length} edited in OpenProject, left as drift (self-heal off)**\n\n`
  const rows = drift.map((d) =>
    tableRow([
      wp(d.workPackageId),
      escapeMarkdown(d.subject),
      escapeMarkdown(d.from),
      escapeMarkdown(d.to),
      escapeMarkdown(driftPhrase(d, now)),
      where(d)
    ])
  )
  return [
    {
      full: `${title}${tableHeader(["Work package", "Subject", "In OpenProject", "Plan", "Why", "Source"])}${rows.join("")}\n`,
      folded: `${title}${leftOutNote("JSON plan")}\n\n`
    }
  ]
}

const NOTE_CHARS = 1_000

/**
 * Refused changes stand above the table, each with OpenProject's message and what it would accept: a reviewer
 * must see before merging that these will fail.
 */
const refusalBlock = (
  plan: Plan,
  wp: (id: number) => string,
  where: (item: { readonly source: string; readonly line: number }) => string
): string => {
  const summary = refusalSummary(plan)
  if (summary === undefined) return ""
  const items = refusedChanges(plan).map(
    (c) =>
      `- ${wp(c.workPackageId)} ${stops(c)
        .map((s) => escapeMarkdown(s))
        .join(" → ")} (${where(c)}): ` +
      checkNotes(c)
        .map((note) => escapeMarkdown(note, NOTE_CHARS))
        .join(" ")
  )
  return `⛔ **${escapeMarkdown(summary)}**\n\n${items.join("\n")}\n\n`
}

/**
 * The plan's warnings that are not a skipped row's (those are in the skipped section): the guard an apply
 * would hit, a name that could not be read. Shown open, under the summary, so a reviewer sees them.
 */
const warningBlock = (plan: Plan): string => {
  const ofSkippedRow = (w: string) => plan.skipped.some((s) => w.endsWith(`:${s.line}: ${s.message}`))
  const others = plan.warnings.filter((w) => !ofSkippedRow(w))
  return others.map((w) => `> **Warning:** ${escapeMarkdownProse(w, 1000)}\n\n`).join("")
}

/** One plan's part of a comment under `head`: warnings, refusals, a table of changes, everything else folded. */
const planLayout = (plan: Plan, head: string): Omit<BudgetedComment, "maxLength"> => {
  const wp = (id: number) => workPackageCell(plan.openProjectUrl, id)
  const where = (item: { readonly source: string; readonly line: number }) => sourceCell(item.source, item.line)
  const why = (c: PlannedChange) => escapeMarkdown(causePhrase(c, plan.createdAt) ?? "")
  // A plan without causes (a saved plan of an older release) keeps the table it always had.
  const withWhy = plan.changes.some((c) => c.cause !== undefined)
  return {
    head: head + warningBlock(plan) + refusalBlock(plan, wp, where),
    tableHeader: tableHeader(["Work package", "Subject", "Transition", ...(withWhy ? ["Why"] : []), "Source"]),
    tableRows: plan.changes.map((c) =>
      tableRow([
        wp(c.workPackageId),
        escapeMarkdown(c.subject),
        `${isRefused(c) ? "⛔ " : ""}${stops(c)
          .map((s) => escapeMarkdown(s))
          .join(" → ")}`,
        ...(withWhy ? [why(c)] : []),
        where(c)
      ])
    ),
    moreRowsNote: (n) => `\n… and ${n} more ${n === 1 ? "change" : "changes"} (see the JSON plan).\n`,
    sections: [
      ...driftSection(plan.drift, plan.createdAt, wp, where),
      ...leftOutSections(plan, plan.blocked, plan.skipped, "JSON plan"),
      ...detailsSection(
        `${plan.inSync.length} in sync`,
        ["Work package", "Subject", "State", "Source"],
        plan.inSync.map((i) => [wp(i.workPackageId), escapeMarkdown(i.subject), escapeMarkdown(i.state), where(i)]),
        "JSON plan"
      )
    ]
  }
}

/** The items of one plan of a run (`source`), as a plan of their own, for its section of the comment. */
const subPlan = (plan: Plan, source: PlanSource): Plan => {
  const of = <T extends { readonly source: string }>(items: ReadonlyArray<T>) =>
    items.filter((i) => i.source === source.path)
  const changes = of(plan.changes)
  const drift = of(plan.drift)
  const inSync = of(plan.inSync)
  const skipped = of(plan.skipped)
  const blocked = of(plan.blocked)
  return new Plan({
    ...plan,
    sources: [source],
    summary: new PlanSummary({
      changes: changes.length,
      inSync: inSync.length,
      skipped: skipped.length,
      blocked: blocked.length,
      drift: drift.length
    }),
    changes,
    drift,
    inSync,
    skipped,
    blocked,
    // The run's warnings stand once, under the run's summary.
    warnings: []
  })
}

const LEFT_OUT = leftOutNote("JSON plan")

/**
 * A run over several plans (a config): the run's summary and warnings, then one section per plan under its
 * name: its changes, drift and blocked rows open, the rest folded; a plan in sync is one folded line. When
 * the comment would not fit, plans' sections are cut, the last plan first, each to an equal share of the
 * room (its table cut with a count of the changes left out, its own folded parts pointing at the JSON plan):
 * every plan keeps its heading, its summary line and its refusals.
 */
const severalPlans = (plan: Plan, options: MarkdownOptions): string => {
  const maxLength = options.maxLength ?? DEFAULT_MAX_COMMENT_LENGTH
  const head = commentHead(options, planSummaryLine(plan.summary)) + warningBlock(plan)
  const parts = plan.sources.map((source) => {
    const sub = subPlan(plan, source)
    const name = escapeMarkdown(source.path)
    const line = escapeMarkdown(planSummaryLine(sub.summary))
    if (sub.changes.length === 0 && sub.drift.length === 0 && sub.blocked.length === 0) {
      const body = fitToBudget({ ...planLayout(sub, ""), maxLength: Number.MAX_SAFE_INTEGER })
      const summary = `<details>\n<summary>${name}: ${line}</summary>\n\n`
      const section: FoldableSection = {
        full: `${summary}${body}\n</details>\n\n`,
        folded: `${summary}${LEFT_OUT}\n\n</details>\n\n`
      }
      return { quiet: true, section } as const
    }
    return { quiet: false, layout: planLayout(sub, `#### ${name}\n\n**${line}**\n\n`) } as const
  })
  // When every plan is cut: the room the head and the folded plans in sync leave, shared equally.
  const quietRoom = parts.reduce((n, p) => n + (p.quiet ? p.section.folded.length : 0), 0)
  const loud = parts.filter((p) => !p.quiet).length
  const share = Math.max(0, Math.floor((maxLength - head.length - quietRoom) / Math.max(1, loud)) - 1)
  const sections = parts.map(
    (p): FoldableSection =>
      p.quiet
        ? p.section
        : {
            full: `${fitToBudget({ ...p.layout, maxLength: Number.MAX_SAFE_INTEGER })}\n`,
            folded: `${fitToBudget({ ...p.layout, maxLength: share })}\n`
          }
  )
  return fitToBudget({ head, tableHeader: "", tableRows: [], moreRowsNote: () => "", sections, maxLength })
}

/**
 * The plan as a pull-request comment: summary, refusals, a table of changes, everything else folded; a run
 * over several plans (a config) has one section per plan (see severalPlans).
 */
export const renderPlanMarkdown = (plan: Plan, options: MarkdownOptions): string =>
  plan.sources.length > 1
    ? severalPlans(plan, options)
    : fitToBudget({
        ...planLayout(plan, commentHead(options, planSummaryLine(plan.summary))),
        maxLength: options.maxLength ?? DEFAULT_MAX_COMMENT_LENGTH
      })
