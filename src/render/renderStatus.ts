import { Schema } from "effect"
import { SkippedRow } from "../domain/desired.js"
import { ago } from "../drift/explain.js"
import { safeJsonText } from "../safeText/jsonText.js"
import { oneLine } from "../safeText/oneLine.js"
import { painter } from "./ansi.js"
import { StatusRow } from "./statusRows.js"
import type { TextOptions } from "./textBlocks.js"

export class StatusSummary extends Schema.Class<StatusSummary>("StatusSummary")({
  total: Schema.Int,
  inSync: Schema.Int,
  drifted: Schema.Int,
  notVisible: Schema.Int,
  skipped: Schema.Int
}) {}

/** The version of `status --format json`; raised when a field changes meaning or goes away. */
export const STATUS_FORMAT_VERSION = 1

/** What `op-reconcile status --format json` prints. */
export class StatusReport extends Schema.Class<StatusReport>("StatusReport")({
  formatVersion: Schema.Literal(STATUS_FORMAT_VERSION),
  summary: StatusSummary,
  rows: Schema.Array(StatusRow),
  /** The rows of the tables that are not synced, each with its file, line and reason (as `validate` lists them). */
  skipped: Schema.Array(Schema.Struct({ file: Schema.String, ...SkippedRow.fields }))
}) {}

const PrettyStatusReportJson = Schema.parseJson(StatusReport, { space: 2 })

export const statusSummary = (rows: ReadonlyArray<StatusRow>, skipped: ReadonlyArray<unknown>): StatusSummary => {
  const notVisible = rows.filter((r) => r.current === undefined).length
  const inSync = rows.filter((r) => r.inSync).length
  return new StatusSummary({
    total: rows.length,
    inSync,
    drifted: rows.length - inSync - notVisible,
    notVisible,
    skipped: skipped.length
  })
}

const NOT_VISIBLE = "(not visible)"

const summaryLine = (s: StatusSummary): string =>
  `${s.total} work ${s.total === 1 ? "package" : "packages"}: ${s.inSync} in sync, ${s.drifted} drifted, ` +
  `${s.notVisible} not visible; ${s.skipped} ${s.skipped === 1 ? "row" : "rows"} skipped.`

/** Where the document is, for the skipped rows' `FILE:LINE`. */
export interface StatusSource {
  readonly file: string
  readonly skipped: ReadonlyArray<SkippedRow>
}

const skippedOf = (sources: ReadonlyArray<StatusSource>) =>
  sources.flatMap((source) => source.skipped.map((s) => ({ file: source.file, ...s })))

/** Each skipped row at its line with why it is not synced: `plan.md:91  UnknownState  wp#55: …`. */
const skippedLines = (sources: ReadonlyArray<StatusSource>): ReadonlyArray<string> => {
  const skipped = skippedOf(sources)
  return skipped.length === 0
    ? []
    : [
        "",
        "Skipped rows (not synced):",
        ...skipped.map((s) => `  ${oneLine(s.file)}:${s.line}  ${s.reason}  ${oneLine(s.message)}`)
      ]
}

/** "2026-12-01 10:02 UTC (0123abc)": when op-reconcile last set it, and from which commit. */
const lastSetText = (r: StatusRow): string => {
  if (r.editedSince === undefined) return ""
  const last = r.lastApplied
  if (last === undefined) return "never"
  const at = last.at === undefined ? "" : `${last.at.slice(0, 10)} ${last.at.slice(11, 16)} UTC`
  const commit = last.commit === undefined ? "" : `(${last.commit.slice(0, 7)})`
  return oneLine([oneLine(last.status), at === "" ? "" : `on ${at}`, commit].filter((s) => s !== "").join(" "))
}

const editedText = (r: StatusRow, now: string): string => {
  if (r.editedSince === undefined || r.lastApplied === undefined) return ""
  if (!r.editedSince) return "no"
  const when = r.editedAt === undefined ? undefined : ago(r.editedAt, now)
  return oneLine(
    ["yes", r.editedBy === undefined ? "" : `by ${r.editedBy}`, when ?? ""].filter((s) => s !== "").join(", ")
  )
}

/**
 * An aligned table, desired next to current, for the runbook's `make op-story-status`. Rows whose history
 * was read also say what op-reconcile last set (when, from which commit) and whether it was edited since.
 */
export const renderStatusText = (
  rows: ReadonlyArray<StatusRow>,
  sources: ReadonlyArray<StatusSource>,
  options: TextOptions & { readonly now?: string } = { color: false }
): string => {
  const paint = painter(options.color)
  const now = options.now ?? new Date(0).toISOString()
  const history = rows.some((r) => r.editedSince !== undefined)
  const cells = rows.map((r) => ({
    row: r,
    values: [
      `wp#${r.workPackageId}`,
      oneLine(r.desired),
      r.current === undefined ? NOT_VISIBLE : oneLine(r.current),
      r.current === undefined ? "missing" : r.inSync ? "ok" : "drift",
      String(r.line),
      ...(history ? [lastSetText(r), editedText(r, now)] : []),
      oneLine(r.subject ?? "")
    ]
  }))
  const header = [
    "WP",
    "DESIRED",
    "CURRENT",
    "SYNC",
    "LINE",
    ...(history ? ["LAST SET BY OP-RECONCILE", "EDITED SINCE"] : []),
    "SUBJECT"
  ]
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c.values[i]?.length ?? 0)))
  const line = (values: ReadonlyArray<string>) =>
    values
      .map((v, i) => (i === values.length - 1 ? v : v.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd()
  const body = cells.map(({ row, values }) => {
    const text = line(values)
    return row.inSync ? text : paint(row.current === undefined ? "red" : "yellow", text)
  })
  return `${[
    paint("bold", line(header)),
    ...body,
    ...skippedLines(sources),
    "",
    summaryLine(statusSummary(rows, skippedOf(sources)))
  ].join("\n")}\n`
}

export const renderStatusJson = (rows: ReadonlyArray<StatusRow>, sources: ReadonlyArray<StatusSource>): string =>
  `${safeJsonText(
    Schema.encodeSync(PrettyStatusReportJson)(
      new StatusReport({
        formatVersion: STATUS_FORMAT_VERSION,
        summary: statusSummary(rows, skippedOf(sources)),
        rows,
        skipped: skippedOf(sources).map((s) => ({ ...s }))
      })
    )
  )}\n`
