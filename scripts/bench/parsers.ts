import { micromark } from "micromark"
import { gfmTable, gfmTableHtml } from "micromark-extension-gfm-table"
import remarkGfm from "remark-gfm"
import remarkParse from "remark-parse"
import { unified } from "unified"
import { markdownTables } from "../../src/desired/parseDesiredState/markdownTables.js"
import { parseDesiredState } from "../../src/desired/parseDesiredState.js"

const fullGfm = unified().use(remarkParse).use(remarkGfm)

/** The ways of reading a plan document the parse benchmark compares. */
export const PARSERS = {
  /** The floor: micromark's own parse of the document with only the GFM table extension, to HTML. */
  floor: (text: string) => micromark(text, { extensions: [gfmTable()], htmlExtensions: [gfmTableHtml()] }).length,
  /** op-reconcile's reader: the desired state, as the CLI reads it. */
  reader: (text: string) => {
    const read = parseDesiredState(text, "PLAN.md")
    if (read._tag === "Left") throw new Error(read.left.message)
    return read.right.rows.length
  },
  /** The tables as the reader found them with the whole of remark-gfm (what the reader used before). */
  fullGfm: (text: string) => markdownTables(text, (m) => fullGfm.parse(m)).length
} as const

export type ParserName = keyof typeof PARSERS
export const isParserName = (name: string): name is ParserName => name in PARSERS
