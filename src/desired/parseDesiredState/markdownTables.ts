import type { Nodes, PhrasingContent, TableCell } from "mdast"
import { toString as textOf } from "mdast-util-to-string"
import remarkParse from "remark-parse"
import { unified } from "unified"
import { contentColumn } from "./cellColumn.js"
import { remarkPlanTables } from "./remarkPlanTables.js"

/** One cell of a GFM table: its plain text, its inline nodes, and where its content starts. */
export interface Cell {
  /** Plain text, trimmed; `\|` already unescaped, emphasis and link syntax dropped (link text kept). */
  readonly text: string
  readonly content: ReadonlyArray<PhrasingContent>
  readonly line: number
  /** Column of the content in the source line, not of the leading `|` (gotcha G15); the `|` when empty. */
  readonly column: number
}

export interface Row {
  readonly line: number
  readonly column: number
  readonly cells: ReadonlyArray<Cell>
}

export interface MarkdownTable {
  /** Line of the header row. */
  readonly line: number
  readonly header: ReadonlyArray<string>
  readonly rows: ReadonlyArray<Row>
  /** The headings the table sits under, outermost first (`# Plan`, `## §13 Missions`): its section path. */
  readonly headings: ReadonlyArray<Heading>
}

export interface Heading {
  readonly depth: number
  readonly text: string
  readonly line: number
}

// A real GFM parser, so escaped pipes, inline code, links, CRLF and a BOM behave as on GitHub; with only
// the extensions that change what the reader reads (remarkPlanTables.ts).
const processor = unified().use(remarkParse).use(remarkPlanTables)

// The column comes from the source line, not from the first inline node: GFM's autolink transform rebuilds
// the text nodes of a cell (an e-mail address such as `a@a.a`) with positions that are off.
const toCell = (markdown: string) => (cell: TableCell) => {
  const start = cell.position?.start
  const line = start?.line ?? 0
  const column =
    start === undefined || start.offset === undefined
      ? 0
      : start.column + contentColumn(markdown, start.offset) - start.offset
  return { text: textOf(cell).trim(), content: cell.children, line, column }
}

interface Walk {
  readonly markdown: string
  readonly tables: Array<MarkdownTable>
  /** The open sections, one per heading depth still in force. */
  sections: ReadonlyArray<Heading>
}

const collectTables = (node: Nodes, walk: Walk): void => {
  if (node.type === "heading") {
    const heading = { depth: node.depth, text: textOf(node).trim(), line: node.position?.start.line ?? 0 }
    walk.sections = [...walk.sections.filter((h) => h.depth < node.depth), heading]
    return
  }
  if (node.type === "table") {
    const [head, ...body] = node.children
    walk.tables.push({
      line: node.position?.start.line ?? 0,
      header: head === undefined ? [] : head.children.map((cell) => textOf(cell).trim()),
      rows: body.map((row) => ({
        line: row.position?.start.line ?? 0,
        column: row.position?.start.column ?? 0,
        cells: row.children.map(toCell(walk.markdown))
      })),
      headings: walk.sections
    })
    return
  }
  // Tables may sit anywhere: under headings, in lists, in block quotes.
  if ("children" in node) for (const child of node.children) collectTables(child, walk)
}

const parseTree = (markdown: string): Nodes => processor.parse(markdown)

/**
 * Every GFM table of a markdown document, in document order, with the headings each sits under. `parse`
 * is for tests that compare with another remark configuration.
 */
export const markdownTables = (
  document: string,
  parse: (markdown: string) => Nodes = parseTree
): ReadonlyArray<MarkdownTable> => {
  // micromark drops a leading byte order mark and counts offsets after it; do the same so they index `markdown`.
  const markdown = document.charCodeAt(0) === 0xfeff ? document.slice(1) : document
  const walk: Walk = { markdown, tables: [], sections: [] }
  collectTables(parse(markdown), walk)
  return walk.tables
}
