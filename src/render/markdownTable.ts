import { type FoldableSection, leftOutNote } from "./markdownBudget.js"
import { escapeMarkdown } from "./markdownEscape.js"
import { sourceLocation } from "./sourceLocation.js"

/** GFM table pieces; cells are passed already escaped (or built from escaped parts). */
export const tableHeader = (columns: ReadonlyArray<string>): string =>
  `| ${columns.join(" | ")} |\n| ${columns.map(() => "---").join(" | ")} |\n`

export const tableRow = (cells: ReadonlyArray<string>): string => `| ${cells.join(" | ")} |\n`

/**
 * A work package as a link into OpenProject when the instance URL is a plain http(s) URL (it comes from
 * configuration, but it still must not break the link syntax), else as code: a bare `wp#44` is no reference. The link text is code too, so that it copies as typed.
 */
export const workPackageCell = (openProjectUrl: string, id: number): string => {
  const base = openProjectUrl.replace(/\/+$/, "")
  return /^https?:\/\/[^\s()<>[\]`|]+$/.test(base) ? `[\`wp#${id}\`](${base}/work_packages/${id})` : `\`wp#${id}\``
}

/** `F1_BUY_BOOST_PLAN.md:14` as code when the name is plain; anything unusual is escaped like any other value. */
export const sourceCell = (path: string, line: number): string => {
  const location = sourceLocation(path, line)
  return /^[\w .:/+@()-]+$/.test(location) ? `\`${location}\`` : escapeMarkdown(location)
}

/** From → To, or through a route's statuses when there is one (`route` ends with `to`). */
export const transitionCell = (from: string, to: string, route?: ReadonlyArray<string>): string =>
  [from, ...(route ?? [to])].map((s) => escapeMarkdown(s)).join(" → ")

/** A `<details>` section with a table, and its folded form for when the comment runs out of room. */
export const detailsSection = (
  summary: string,
  columns: ReadonlyArray<string>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  jsonName: string
): ReadonlyArray<FoldableSection> =>
  rows.length === 0
    ? []
    : [
        {
          full: `<details>\n<summary>${summary}</summary>\n\n${tableHeader(columns)}${rows.map(tableRow).join("")}\n</details>\n\n`,
          folded: `<details>\n<summary>${summary}</summary>\n\n${leftOutNote(jsonName)}\n\n</details>\n\n`
        }
      ]
