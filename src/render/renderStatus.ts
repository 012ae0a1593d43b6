import { Schema } from "effect"
import { painter } from "./ansi.js"
import { StatusRow } from "./statusRows.js"
import { terminalSafe } from "./terminalSafe.js"
import type { TextOptions } from "./textBlocks.js"

export class StatusSummary extends Schema.Class<StatusSummary>("StatusSummary")({
  total: Schema.Int,
  inSync: Schema.Int,
  drifted: Schema.Int,
  notVisible: Schema.Int
}) {}

/** What `op-reconcile status --format json` prints. */
export class StatusReport extends Schema.Class<StatusReport>("StatusReport")({
  summary: StatusSummary,
  rows: Schema.Array(StatusRow)
}) {}

const PrettyStatusReportJson = Schema.parseJson(StatusReport, { space: 2 })

export const statusSummary = (rows: ReadonlyArray<StatusRow>): StatusSummary => {
  const notVisible = rows.filter((r) => r.current === undefined).length
  const inSync = rows.filter((r) => r.inSync).length
  return new StatusSummary({ total: rows.length, inSync, drifted: rows.length - inSync - notVisible, notVisible })
}

const NOT_VISIBLE = "(not visible)"

const summaryLine = (s: StatusSummary): string =>
  `${s.total} work ${s.total === 1 ? "package" : "packages"}: ${s.inSync} in sync, ${s.drifted} drifted, ${s.notVisible} not visible.`

/** An aligned table, desired next to current, for the runbook's `make op-story-status`. */
export const renderStatusText = (rows: ReadonlyArray<StatusRow>, options: TextOptions = { color: false }): string => {
  const paint = painter(options.color)
  const cells = rows.map((r) => ({
    row: r,
    values: [
      `wp#${r.workPackageId}`,
      terminalSafe(r.desired),
      r.current === undefined ? NOT_VISIBLE : terminalSafe(r.current),
      r.current === undefined ? "missing" : r.inSync ? "ok" : "drift",
      String(r.line),
      terminalSafe(r.subject ?? "")
    ]
  }))
  const header = ["WP", "DESIRED", "CURRENT", "SYNC", "LINE", "SUBJECT"]
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
  return `${[paint("bold", line(header)), ...body, "", summaryLine(statusSummary(rows))].join("\n")}\n`
}

export const renderStatusJson = (rows: ReadonlyArray<StatusRow>): string =>
  `${Schema.encodeSync(PrettyStatusReportJson)(new StatusReport({ summary: statusSummary(rows), rows }))}\n`
