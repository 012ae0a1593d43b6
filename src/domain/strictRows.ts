import { Schema } from "effect"
import { oneLine } from "../safeText/oneLine.js"
import type { DesiredState, SkipReason } from "./desired.js"
import type { Plan } from "./plan.js"

/**
 * `--strict`: the rows a run must not pass over quietly, because they look meant to be synced but are
 * not as written — a bold word that is not a state (a near miss such as **in-progress** or not), a work
 * package written as `#43` or as a link without `wp#`, and (once OpenProject was read) a blocked row.
 * Informational rows (no work package at all, no bold) and duplicate rows stay warnings. Pure.
 */

/** One row that fails a strict run, where it is (`FILE:LINE`) and what is wrong with it. */
export class StrictRow extends Schema.Class<StrictRow>("StrictRow")({
  location: Schema.String,
  message: Schema.String
}) {}

/** Whether a skipped row fails a strict run. */
export const failsStrict = (skipped: { readonly reason: SkipReason; readonly suggestion?: string | undefined }) =>
  skipped.reason === "UnknownState" || (skipped.reason === "NoWorkPackageReference" && skipped.suggestion !== undefined)

/** The rows of one document that fail a strict run (validate: offline, so no blocked rows yet). */
export const strictRowsOfDocument = (desired: DesiredState): ReadonlyArray<StrictRow> =>
  desired.skipped
    .filter(failsStrict)
    .map((s) => new StrictRow({ location: `${desired.file}:${s.line}`, message: s.message }))

/**
 * The rows of a plan that fail a strict run: its near-miss skipped rows and every blocked row, in the order
 * of the plans and their lines. `fileOf` gives the path of a plan by the name its items carry.
 */
export const strictRowsOfPlan = (plan: Plan, fileOf: (source: string) => string): ReadonlyArray<StrictRow> => {
  const order = new Map(plan.sources.map((s, i) => [s.path, i]))
  return [
    ...plan.skipped.filter(failsStrict).map((s) => ({ source: s.source, line: s.line, message: s.message })),
    ...plan.blocked.map((b) => ({ source: b.source, line: b.line, message: `blocked: ${b.message}` }))
  ]
    .sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0) || a.line - b.line)
    .map((r) => new StrictRow({ location: `${fileOf(r.source)}:${r.line}`, message: r.message }))
}

/** A `--strict` run found rows that would not be synced as written: each is named, and nothing was written. */
export class StrictRowsFound extends Schema.TaggedError<StrictRowsFound>()("StrictRowsFound", {
  rows: Schema.Array(StrictRow)
}) {
  override get message(): string {
    return [
      `--strict: ${this.rows.length} row(s) would not be synced as written:`,
      ...this.rows.map((r) => `  ${oneLine(r.location)}: ${oneLine(r.message)}`),
      "Fix each row (the suggestion says how), or run without --strict to skip them with a warning. " +
        "Nothing was written to OpenProject."
    ].join("\n")
  }
}
