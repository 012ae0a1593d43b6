import type { Nodes, PhrasingContent, TableCell, Table as TableNode, TableRow } from "mdast"
import { toString as textOf } from "mdast-util-to-string"
import remarkParse from "remark-parse"
import { unified } from "unified"
import { linkUrls } from "../nearMiss/workPackageSuggestion.js"
import { contentColumn } from "./cellColumn.js"
import { remarkPlanTables } from "./remarkPlanTables.js"
import {
  type Cut,
  definitionsText,
  findCuts,
  NO_SHIFT,
  type Shift,
  type Slice,
  type Slicing,
  skeletonOf,
  skeletonShifts,
  slicesOf
} from "./tableSlices.js"

/**
 * One cell of a GFM table: its plain text, where its content starts, and what the reader reads from its
 * inline nodes (the nodes themselves are not kept: a long table's rows would hold most of the tree, and
 * the parse worker sends the rows to the main thread as plain data).
 */
export interface Cell {
  /** Plain text, trimmed; `\|` already unescaped, emphasis and link syntax dropped (link text kept). */
  readonly text: string
  readonly line: number
  /** Column of the content in the source line, not of the leading `|` (gotcha G15); the `|` when empty. */
  readonly column: number
  /** When the cell's first inline node is bold: its text, and the text after it (a Status cell's state and note). */
  readonly lead?: LeadingBold
  /** The URLs of the cell's links, at any depth (a link inside bold counts too). */
  readonly links: ReadonlyArray<string>
}

export interface LeadingBold {
  /** The bold's plain text, untrimmed. */
  readonly bold: string
  /** The plain text of the cell's inline nodes after the bold, untrimmed. */
  readonly after: string
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
// the text nodes of a cell (an e-mail address such as `a@a.a`) with positions that are off. `shift` maps
// a point of the parsed text (a skeleton or a slice, tableSlices.ts) to the document.
const toCell = (markdown: string, shift: Shift) => (cell: TableCell) => {
  const start = cell.position?.start
  const line = start === undefined ? 0 : start.line + shift.lines
  const offset = start?.offset === undefined ? undefined : start.offset + shift.offset
  const column =
    start === undefined || offset === undefined ? 0 : start.column + contentColumn(markdown, offset) - offset
  const read: Cell = { text: textOf(cell).trim(), line, column, links: linkUrls(cell.children) }
  const lead = leadingBold(cell.children)
  return lead === undefined ? read : { ...read, lead }
}

const leadingBold = (content: ReadonlyArray<PhrasingContent>): LeadingBold | undefined => {
  const [first, ...rest] = content
  return first?.type === "strong" ? { bold: textOf(first), after: textOf(rest) } : undefined
}

const toRow = (markdown: string, shift: Shift) => (row: TableRow) => ({
  line: row.position === undefined ? 0 : row.position.start.line + shift.lines,
  column: row.position?.start.column ?? 0,
  cells: row.children.map(toCell(markdown, shift))
})

interface Walk {
  readonly markdown: string
  readonly tables: Array<MarkdownTable>
  /** The open sections, one per heading depth still in force. */
  sections: ReadonlyArray<Heading>
  /** Where each point of the parsed text is in the document. */
  readonly shiftAt: (offset: number) => Shift
  /** The cuts whose rows are still to be read, by the line of the row kept before each. */
  readonly cuts: ReadonlyMap<number, Cut>
  /** Each cut found in place: the table's rows and where the cut's rows go. */
  readonly placed: Array<{
    readonly cut: Cut
    readonly table: TableNode
    readonly rows: Array<Row>
    readonly at: number
  }>
  /** The identifiers the document defines: a slice's cells must see them too. */
  readonly definitions: Set<string>
  readonly footnotes: Set<string>
}

const shiftOf = (walk: Walk, node: Nodes): Shift => walk.shiftAt(node.position?.start.offset ?? 0)

const collectTables = (node: Nodes, walk: Walk, topLevel: boolean): void => {
  if (node.type === "definition") walk.definitions.add(node.identifier)
  if (node.type === "footnoteDefinition") walk.footnotes.add(node.identifier)
  if (node.type === "heading") {
    const line = node.position === undefined ? 0 : node.position.start.line + shiftOf(walk, node).lines
    const heading = { depth: node.depth, text: textOf(node).trim(), line }
    walk.sections = [...walk.sections.filter((h) => h.depth < node.depth), heading]
    return
  }
  if (node.type === "table") {
    const [head, ...body] = node.children
    const rows: Array<Row> = []
    for (const row of body) {
      const read = toRow(walk.markdown, walk.shiftAt(row.position?.start.offset ?? 0))(row)
      rows.push(read)
      const cut = topLevel ? walk.cuts.get(read.line) : undefined
      if (cut !== undefined) walk.placed.push({ cut, table: node, rows, at: rows.length })
    }
    walk.tables.push({
      line: node.position === undefined ? 0 : node.position.start.line + shiftOf(walk, node).lines,
      header: head === undefined ? [] : head.children.map((cell) => textOf(cell).trim()),
      rows,
      headings: walk.sections
    })
    return
  }
  // Tables may sit anywhere: under headings, in lists, in block quotes.
  if ("children" in node) for (const child of node.children) collectTables(child, walk, node.type === "root")
}

const parseTree = (markdown: string): Nodes => processor.parse(markdown)

/** Tables of at least this many rows are read in slices of this many (tableSlices.ts). */
export const DEFAULT_SLICING: Slicing = { minRun: 200, rowsPerSlice: 100 }

/** The header and delimiter rows of a table of the skeleton, with their line endings. */
const headOf = (skeleton: string, table: TableNode): string => {
  let start = table.position?.start.offset ?? 0
  while (start > 0 && skeleton.charCodeAt(start - 1) !== 0x0a && skeleton.charCodeAt(start - 1) !== 0x0d) start -= 1
  let end = start
  for (let lines = 0; lines < 2; lines++) {
    while (end < skeleton.length && skeleton.charCodeAt(end) !== 0x0a && skeleton.charCodeAt(end) !== 0x0d) end += 1
    end += skeleton.charCodeAt(end) === 0x0d && skeleton.charCodeAt(end + 1) === 0x0a ? 2 : 1
  }
  return skeleton.slice(start, end)
}

/** The rows of one slice, or undefined when the slice does not read back as one table of its rows. */
const sliceRows = (
  markdown: string,
  slice: Slice,
  parse: (markdown: string) => Nodes
): ReadonlyArray<Row> | undefined => {
  const tree = parse(slice.text)
  const table = tree.type === "root" ? tree.children[0] : undefined
  if (table?.type !== "table" || table.position?.start.line !== 1) return undefined
  const body = table.children.slice(1)
  if (body.length !== slice.rows) return undefined
  if (body.some((row, i) => row.position?.start.line !== slice.firstRowLine + i)) return undefined
  return body.map(toRow(markdown, slice.shift))
}

const walkTree = (
  markdown: string,
  tree: Nodes,
  cuts: ReadonlyArray<Cut>,
  shiftAt: (offset: number) => Shift
): Walk => {
  const walk: Walk = {
    markdown,
    tables: [],
    sections: [],
    shiftAt,
    cuts: new Map(cuts.map((cut) => [cut.keptLine, cut])),
    placed: [],
    definitions: new Set(),
    footnotes: new Set()
  }
  collectTables(tree, walk, false)
  return walk
}

// What a slice repeats (its header rows and the definitions) is kept below what it reads, so the slices
// parse at most twice the cut's bytes however many definitions the document has.
const rowsPerSlice = (cut: Cut, head: string, definitions: string, slicing: Slicing): number => {
  const rows = cut.lineStarts.length - 1
  const bytesPerRow = (cut.end - cut.start) / Math.max(rows, 1)
  return Math.max(slicing.rowsPerSlice, Math.ceil((head.length + definitions.length) / Math.max(bytesPerRow, 1)))
}

/**
 * Told the rows of each slice as soon as it is read, with the document's tables as the skeleton gives them
 * (their lines, headers and headings are final; their rows are not all in place yet) and the one of them
 * the rows belong to. The rows are a provisional view: they stand in the result only if the whole read
 * does not fall back to a parse of the document whole (the parse worker checks each row it sent against
 * the final reading, parseWorker/streamedReading.ts).
 */
export type SliceObserver = (
  tables: ReadonlyArray<MarkdownTable>,
  table: MarkdownTable,
  rows: ReadonlyArray<Row>
) => void

/** The tables read from the skeleton with each cut's rows in place, or undefined to parse the document whole. */
const slicedTables = (
  markdown: string,
  parse: (markdown: string) => Nodes,
  slicing: Slicing,
  onSlice: SliceObserver | undefined
): ReadonlyArray<MarkdownTable> | undefined => {
  const cuts = findCuts(markdown, slicing)
  if (cuts.length === 0) return undefined
  const skeleton = skeletonOf(markdown, cuts)
  const walk = walkTree(markdown, parse(skeleton), cuts, skeletonShifts(cuts))
  // Each cut must sit between two consecutive rows of a table at the top of the document.
  const placed = walk.placed.filter(({ cut, rows, at }) => rows.length > at && rows[at]?.line === cut.resumeLine)
  if (placed.length !== cuts.length) return undefined
  const definitions = definitionsText([...walk.definitions], [...walk.footnotes])
  if (definitions === undefined) return undefined
  // Insert from the last cut of a table to the first, so each `at` still points where it did.
  for (const { cut, table, rows, at } of [...placed].reverse()) {
    const read: Array<Row> = []
    const head = headOf(skeleton, table)
    const readTable = onSlice === undefined ? undefined : walk.tables.find((t) => t.rows === rows)
    for (const slice of slicesOf(markdown, cut, head, definitions, rowsPerSlice(cut, head, definitions, slicing))) {
      const sliced = sliceRows(markdown, slice, parse)
      if (sliced === undefined) return undefined
      for (const row of sliced) read.push(row)
      if (onSlice !== undefined && readTable !== undefined) onSlice(walk.tables, readTable, sliced)
    }
    rows.splice(at, 0, ...read)
  }
  return walk.tables
}

/**
 * Every GFM table of a markdown document, in document order, with the headings each sits under. `parse`
 * is for tests that compare with another remark configuration; `slicing` undefined parses the document
 * whole (tests compare the two); `onSlice` is told each slice's rows as they are read.
 */
export const markdownTables = (
  document: string,
  parse: (markdown: string) => Nodes = parseTree,
  slicing: Slicing | undefined = DEFAULT_SLICING,
  onSlice?: SliceObserver
): ReadonlyArray<MarkdownTable> => {
  // micromark drops a leading byte order mark and counts offsets after it; do the same so they index `markdown`.
  const markdown = document.charCodeAt(0) === 0xfeff ? document.slice(1) : document
  const sliced = slicing === undefined ? undefined : slicedTables(markdown, parse, slicing, onSlice)
  return sliced ?? walkTree(markdown, parse(markdown), [], () => NO_SHIFT).tables
}
