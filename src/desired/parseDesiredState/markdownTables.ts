import type { Nodes, PhrasingContent, TableCell } from "mdast"
import { toString as textOf } from "mdast-util-to-string"
import remarkGfm from "remark-gfm"
import remarkParse from "remark-parse"
import { unified } from "unified"

/** One cell of a GFM table: its plain text, its inline nodes, and where its content starts. */
export interface Cell {
  /** Plain text, trimmed; `\|` already unescaped, emphasis and link syntax dropped (link text kept). */
  readonly text: string
  readonly content: ReadonlyArray<PhrasingContent>
  readonly line: number
  /** Column of the content, not of the leading `|` (gotcha G15); the cell's own column when empty. */
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
}

// A real GFM parser, so escaped pipes, inline code, links, CRLF and a BOM behave as on GitHub.
const processor = unified().use(remarkParse).use(remarkGfm)

const toCell = (cell: TableCell): Cell => {
  const start = cell.children[0]?.position?.start ?? cell.position?.start
  return { text: textOf(cell).trim(), content: cell.children, line: start?.line ?? 0, column: start?.column ?? 0 }
}

const collectTables = (node: Nodes, into: Array<MarkdownTable>): void => {
  if (node.type === "table") {
    const [head, ...body] = node.children
    into.push({
      line: node.position?.start.line ?? 0,
      header: head === undefined ? [] : head.children.map((cell) => textOf(cell).trim()),
      rows: body.map((row) => ({
        line: row.position?.start.line ?? 0,
        column: row.position?.start.column ?? 0,
        cells: row.children.map(toCell)
      }))
    })
    return
  }
  // Tables may sit anywhere: under headings, in lists, in block quotes.
  if ("children" in node) for (const child of node.children) collectTables(child, into)
}

/** Every GFM table of a markdown document, in document order. */
export const markdownTables = (markdown: string): ReadonlyArray<MarkdownTable> => {
  const tables: Array<MarkdownTable> = []
  collectTables(processor.parse(markdown), tables)
  return tables
}
