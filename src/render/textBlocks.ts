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

export const blockedLines = (
  path: string,
  items: ReadonlyArray<BlockedItem>,
  paint: Paint,
  idWidth: number
): ReadonlyArray<string> =>
  items.flatMap((b) => [
    `${paint("red", "!")} ${paint("bold", wpLabel(b.workPackageId).padEnd(idWidth))}  ` +
      `blocked → ${oneLine(b.state)}  (${sourceLocation(path, b.line)})`,
    `    ${oneLine(b.message)}`
  ])

/** Edits made in OpenProject that are left in place (self-heal off); `now` is the plan's time. */
export const driftLines = (
  path: string,
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
            `(${sourceLocation(path, d.line)})  ${paint("dim", oneLine(d.subject))}`
        )
      ]

/** Blank-line-separated blocks, empty ones left out, ending in a newline. */
export const joinBlocks = (blocks: ReadonlyArray<ReadonlyArray<string>>): string =>
  `${blocks
    .filter((b) => b.length > 0)
    .map((b) => b.join("\n"))
    .join("\n\n")}\n`
