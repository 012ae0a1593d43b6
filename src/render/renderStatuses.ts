import { Schema } from "effect"
import type { Status } from "../domain/observed.js"
import { oneLine } from "../safeText/oneLine.js"

/** What `statuses --format json` prints: OpenProject's statuses in the server's order. */
export class StatusList extends Schema.Class<StatusList>("StatusList")({
  statuses: Schema.Array(
    Schema.Struct({ id: Schema.Int, name: Schema.String, isClosed: Schema.Boolean, isDefault: Schema.Boolean })
  )
}) {}

const StatusListJson = Schema.parseJson(StatusList, { space: 2 })

const listOf = (statuses: ReadonlyArray<Status>): StatusList =>
  new StatusList({
    statuses: statuses.map((s) => ({ id: s.id, name: s.name, isClosed: s.isClosed, isDefault: s.isDefault ?? false }))
  })

export const renderStatusesJson = (statuses: ReadonlyArray<Status>): string =>
  `${Schema.encodeSync(StatusListJson)(listOf(statuses))}\n`

/** A table for the terminal: id, name, closed, default; names are the server's, so they are made safe to print. */
export const renderStatusesText = (statuses: ReadonlyArray<Status>): string => {
  const rows = [
    ["id", "name", "closed", "default"],
    ...statuses.map((s) => [String(s.id), oneLine(s.name), s.isClosed ? "yes" : "", s.isDefault === true ? "yes" : ""])
  ]
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => (r[i] ?? "").length)))
  const lines = rows.map((r) =>
    r
      .map((cell, i) => (i === 0 ? cell.padStart(widths[0] ?? 0) : cell.padEnd(widths[i] ?? 0)))
      .join("  ")
      .trimEnd()
  )
  return `${lines.join("\n")}\n\n${statuses.length} status(es). Map the plan's words to these names in op-reconcile.yml's states:.\n`
}
