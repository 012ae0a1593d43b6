import type { BlockedItem, PlannedChange } from "../domain/plan.js"
import { driftPhrase } from "../drift/explain.js"
import { oneLine } from "../safeText/oneLine.js"
import type { Paint } from "./ansi.js"
import { sourceLocation } from "./sourceLocation.js"

/** Pieces shared by the plan and apply text renderers. */

export interface TextOptions {
  readonly color: boolean
}

export const wpLabel = (id: number): string => `wp#${id}`

/** Columns are padded to the widest value so a long list reads as a table. */
export const widest = (values: ReadonlyArray<string>): number => values.reduce((max, v) => Math.max(max, v.length), 0)

export const transitionText = (from: string, to: string): string => `${oneLine(from)} → ${oneLine(to)}`

export const blockedLines = (items: ReadonlyArray<BlockedItem>, paint: Paint, idWidth: number): ReadonlyArray<string> =>
  items.flatMap((b) => [
    `${paint("red", "!")} ${paint("bold", wpLabel(b.workPackageId).padEnd(idWidth))}  ` +
      `blocked → ${oneLine(b.state)}  (${sourceLocation(b.source, b.line)})`,
    `    ${oneLine(b.message)}`
  ])

/** Edits made in OpenProject that are left in place (self-heal off); `now` is the plan's time. */
export const driftLines = (
  drift: ReadonlyArray<PlannedChange>,
  now: string,
  paint: Paint,
  idWidth: number
): ReadonlyArray<string> =>
  drift.length === 0
    ? []
    : [
        paint("bold", "Drift: edited in OpenProject since op-reconcile set them, left as they are (self-heal off):"),
        ...drift.map(
          (d) =>
            `${paint("cyan", "≠")} ${paint("bold", wpLabel(d.workPackageId).padEnd(idWidth))}  ` +
            `${oneLine(d.from)} (the plan says ${oneLine(d.to)})  ${oneLine(driftPhrase(d, now))}  ` +
            `(${sourceLocation(d.source, d.line)})  ${paint("dim", oneLine(d.subject))}`
        )
      ]

/** Blank-line-separated blocks, empty ones left out, ending in a newline. */
export const joinBlocks = (blocks: ReadonlyArray<ReadonlyArray<string>>): string =>
  `${blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join("\n"))
    .join("\n\n")}\n`

/**
 * A run over several plans shows each plan's lines under its name (in the config's order); a run over one
 * plan has no heading, as before. `linesOf` gives the lines of one plan.
 */
export const byPlan = (
  sources: ReadonlyArray<{ readonly path: string }>,
  paint: Paint,
  linesOf: (source: string) => ReadonlyArray<string>
): ReadonlyArray<ReadonlyArray<string>> => {
  if (sources.length <= 1) return [sources[0] === undefined ? [] : linesOf(sources[0].path)]
  return sources.map((s) => {
    const lines = linesOf(s.path)
    return [
      paint("bold", `${oneLine(s.path)}:`),
      ...(lines.length === 0 ? ["  (nothing to do)"] : lines.map((l) => `  ${l}`))
    ]
  })
}
