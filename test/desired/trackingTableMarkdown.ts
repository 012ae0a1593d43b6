import type { CanonicalState, Qualifier } from "../../src/domain/states.js"

/**
 * Renders generated tracking-table rows to markdown the way people write them (links, inline code, bold
 * with qualifiers inside or after), with every piece of free text escaped, and records where each row's
 * load-bearing cell lands so a test can check the reader's lines and columns.
 */

export type IdStyle = "plain" | "link" | "code" | "issueAndLink"

export type GeneratedRow =
  | {
      readonly kind: "desired"
      readonly label: string
      readonly id: number
      readonly idStyle: IdStyle
      readonly state: CanonicalState
      /** How the state is spelled in the bold: any case, any run of spaces between words. */
      readonly spelling: string
      readonly qualifiers: ReadonlyArray<Qualifier>
      readonly qualifiersInsideBold: boolean
      readonly separator: string
      readonly note: string
    }
  | { readonly kind: "informational"; readonly label: string; readonly text: string; readonly status: string }
  | { readonly kind: "noBold"; readonly label: string; readonly id: number; readonly status: string }
  | { readonly kind: "unknownState"; readonly label: string; readonly id: number; readonly bold: string }
  | { readonly kind: "multiple"; readonly label: string; readonly id: number; readonly otherId: number }

export interface RenderedRow {
  readonly row: GeneratedRow
  readonly line: number
  /** 1-based column of the id cell's and of the status cell's content. */
  readonly idColumn: number
  readonly statusColumn: number
}

export interface RenderedTable {
  readonly markdown: string
  readonly tableLine: number
  readonly rows: ReadonlyArray<RenderedRow>
}

/** Backslash-escapes every ASCII punctuation character, so the text reads back literally. */
export const escapeMarkdown = (text: string): string => text.replace(/[!-/:-@[-`{-~]/g, (c) => `\\${c}`)

const idCell = (id: number, style: IdStyle): string => {
  switch (style) {
    case "plain":
      return `wp#${id}`
    case "link":
      return `OP [wp#${id}](https://openproject.example.com/work_packages/${id})`
    case "code":
      return `\`wp#${id}\``
    case "issueAndLink":
      return `GH #${id % 1000} / OP [wp#${id}](https://openproject.example.com/work_packages/${id})`
  }
}

const cellsOf = (row: GeneratedRow): { readonly id: string; readonly status: string } => {
  switch (row.kind) {
    case "desired": {
      const quals = row.qualifiers.join(" ")
      const bold = row.qualifiersInsideBold
        ? `**${[row.spelling, quals].filter((s) => s.length > 0).join(" ")}**`
        : `**${row.spelling}**${quals.length > 0 ? ` ${quals}` : ""}`
      const note = row.note.length > 0 ? `${row.separator}${escapeMarkdown(row.note)}` : ""
      return { id: idCell(row.id, row.idStyle), status: `${bold}${note}` }
    }
    case "informational":
      return { id: escapeMarkdown(row.text), status: escapeMarkdown(row.status) }
    case "noBold":
      return { id: `wp#${row.id}`, status: escapeMarkdown(row.status) }
    case "unknownState":
      return { id: `wp#${row.id}`, status: `**${row.bold}** — later` }
    case "multiple":
      return { id: `wp#${row.id} and [wp#${row.otherId}](https://x/${row.otherId})`, status: "**New**" }
  }
}

/** Renders `rows` as the tracking table after `before` lines of prose, followed by `after` lines. */
export const renderTrackingTable = (
  rows: ReadonlyArray<GeneratedRow>,
  before: ReadonlyArray<string>,
  after: ReadonlyArray<string>
): RenderedTable => {
  // A blank line on each side keeps the prose from joining the table.
  const lines = [...before, "", "| Track | Phase | GH issue / OP wp | Status |", "|---|---|---|---|"]
  const tableLine = before.length + 2
  const rendered = rows.map((row, i): RenderedRow => {
    const cells = cellsOf(row)
    const idPrefix = `| ${escapeMarkdown(row.label)} | p${i} | `
    const statusPrefix = `${idPrefix}${cells.id} | `
    lines.push(`${statusPrefix}${cells.status} |`)
    return { row, line: lines.length, idColumn: idPrefix.length + 1, statusColumn: statusPrefix.length + 1 }
  })
  lines.push("", ...after)
  return { markdown: `${lines.join("\n")}\n`, tableLine, rows: rendered }
}
