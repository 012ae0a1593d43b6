import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import remarkParse from "remark-parse"
import { unified } from "unified"
import { afterEach, describe, expect, it } from "vitest"
import { checkDocumentShape } from "../../src/desired/parseDesiredState/documentShape.js"
import { markdownTables } from "../../src/desired/parseDesiredState/markdownTables.js"
import { remarkPlanTables } from "../../src/desired/parseDesiredState/remarkPlanTables.js"
import { findCuts, type Slicing } from "../../src/desired/parseDesiredState/tableSlices.js"
import { HOSTILE_CORPUS, plainTable } from "../hostile/corpus.js"

// A long table is read in slices of rows after a parse of the document without them (tableSlices.ts). What
// that reads must be what a parse of the whole document reads: every table, header, heading, row, cell
// text, line, column and inline node. Small slices here, so that generated documents are cut often.
const processor = unified().use(remarkParse).use(remarkPlanTables)
// No run of lines is ever long enough to cut: the document is parsed whole (`undefined` would be the default slicing).
const whole = (markdown: string) =>
  markdownTables(markdown, undefined, { minRun: Number.MAX_SAFE_INTEGER, rowsPerSlice: 1 })
const sliced = (markdown: string, slicing: Slicing) => markdownTables(markdown, undefined, slicing)

// Cells with what a row's reading could depend on elsewhere in the document: references to definitions
// (defined or not), footnote calls, strikethrough, escapes and code spans.
const CELL_PIECES = [
  "word",
  "wp#12",
  "**New**",
  "**In progress** — note",
  "[wp#3](https://op.example.com/work_packages/3)",
  "[text][ref]",
  "[ref]",
  "[Ref][]",
  "[text][other]",
  "[^1]",
  "[^note]",
  "[^missing]",
  "~~old~~",
  "*em*",
  "`co|de`",
  "\\|",
  "<b>",
  "&amp;",
  "www.example.com",
  ""
]
const cell = fc.array(fc.constantFrom(...CELL_PIECES), { maxLength: 3 }).map((ps) => ps.join(" "))
const cells = fc.array(cell, { minLength: 1, maxLength: 5 })
const pipedRow = cells.map((cs) => `| ${cs.join(" | ")} |`)
// Lines that start or end a table, or sit in or around one: rows without a leading pipe, another
// table's delimiter row, blank and lazy lines, indented rows, container and block starts.
const otherLine = fc.oneof(
  cells.map((cs) => cs.join(" | ")),
  fc.constantFrom(
    "",
    "| --- | --- |",
    "|---|",
    "   | indented row |",
    "    | code row |",
    "> | quoted | row |",
    ">",
    "- | listed | row |",
    "  | continued |",
    "1. item",
    "# Heading",
    "## Plan",
    "Setext",
    "===",
    "---",
    "```",
    "~~~",
    "<div>",
    "</div>",
    "<!--",
    "-->",
    "[ref]: https://ref.example",
    "[Other]: <https://other.example> 'title'",
    "[^1]: a footnote",
    "[^note]: a note",
    "    indented footnote text",
    "plain prose with [ref] and [^1]",
    "*"
  )
)
const header = fc.integer({ min: 1, max: 4 }).map((n) => ({
  head: `| ${Array.from({ length: n }, (_, i) => `H${i}`).join(" | ")} |`,
  delimiter: `|${Array.from({ length: n }, () => " --- ").join("|")}|`
}))
// A block: a table with a run of piped rows long enough to be cut, or a few other lines.
const block = fc.oneof(
  fc
    .tuple(header, fc.array(fc.oneof({ weight: 6, arbitrary: pipedRow }, otherLine), { minLength: 5, maxLength: 24 }))
    .map(([h, rows]) => [h.head, h.delimiter, ...rows]),
  fc.array(pipedRow, { minLength: 5, maxLength: 12 }),
  fc.array(otherLine, { minLength: 1, maxLength: 4 })
)
const lineEnding = fc.constantFrom("\n", "\r\n", "\r")
const markdownDocument = fc
  .tuple(fc.array(block, { minLength: 1, maxLength: 6 }), lineEnding, fc.boolean(), fc.boolean())
  .map(([blocks, eol, bom, finalEol]) => {
    const text = blocks.flat().join(eol)
    return `${bom ? "\uFEFF" : ""}${text}${finalEol ? eol : ""}`
  })
const slicing = fc.record({ minRun: fc.integer({ min: 5, max: 8 }), rowsPerSlice: fc.integer({ min: 1, max: 4 }) })

// The tests here parse for seconds without a pause: let the test runner's messages through between them.
const breathe = () => new Promise((resolve) => setImmediate(resolve))

describe("a table read in slices reads as the whole document does", () => {
  afterEach(breathe)

  test.prop([markdownDocument, slicing], { numRuns: 80 })(
    "on generated documents",
    (markdown, s) => {
      expect(sliced(markdown, s)).toEqual(whole(markdown))
    },
    180_000
  )

  it("cuts the long runs of a plain table, so the comparison is not vacuous", () => {
    const text = plainTable(300)
    expect(findCuts(text, { minRun: 200, rowsPerSlice: 100 })).toHaveLength(1)
    expect(sliced(text, { minRun: 200, rowsPerSlice: 7 })).toEqual(whole(text))
    expect(sliced(text, { minRun: 200, rowsPerSlice: 7 })[0]?.rows).toHaveLength(300)
  })

  it("parses each row of a long table once, and no piece longer than a slice of it", () => {
    const text = plainTable(1_000)
    const parsed: Array<number> = []
    const parse = (markdown: string) => {
      parsed.push(markdown.length)
      return processor.parse(markdown)
    }
    const tables = markdownTables(text, parse)
    expect(tables[0]?.rows).toHaveLength(1_000)
    expect(tables).toEqual(whole(text))
    // The header rows copied before each slice are the only bytes parsed twice.
    const total = parsed.reduce((a, b) => a + b, 0)
    expect(total).toBeLessThan(text.length * 1.4)
    expect(Math.max(...parsed)).toBeLessThan(text.length / 8)
  })

  it("parses a long table in bigger slices when the document has many definitions to repeat", {
    timeout: 120_000
  }, () => {
    const definitions = Array.from(
      { length: 200 },
      (_, i) => `[ref${i}]: https://example.com/${"a".repeat(200)}/${i}`
    ).join("\n\n")
    const text = `${plainTable(1_000)}\n${definitions}\n`
    const parsed: Array<number> = []
    const parse = (markdown: string) => {
      parsed.push(markdown.length)
      return processor.parse(markdown)
    }
    expect(markdownTables(text, parse)).toEqual(whole(text))
    expect(parsed.reduce((a, b) => a + b, 0)).toBeLessThan(text.length * 2.1)
  })

  it("reads a table in a code block, a block quote or a list as the whole document does", () => {
    const rows = plainTable(30).split("\n").slice(2).join("\n")
    for (const text of [
      `\`\`\`\n${rows}\n\`\`\`\n`,
      `> ${rows}`,
      `> ${rows.split("\n").join("\n> ")}`,
      `- ${rows.split("\n").join("\n  ")}`,
      `[^1]: ${rows.split("\n").join("\n    ")}`,
      `<div>\n${rows}\n</div>`
    ]) {
      expect(sliced(text, { minRun: 5, rowsPerSlice: 3 })).toEqual(whole(text))
    }
  })

  // The hostile corpus: each document the reader parses (the others are refused before any parse), after
  // a table long enough to be cut, and on its own where it has a run to cut (without one, both reads are
  // the same parse).
  for (const doc of HOSTILE_CORPUS) {
    it(`reads ${doc.name} as the whole document does`, { timeout: 180_000 }, async () => {
      const text = doc.text()
      if (Either.isLeft(checkDocumentShape(text, "plan.md")) || text.length > 2_000_000) {
        expect(doc.outcome).not.toBe("read")
        return
      }
      const s = { minRun: 10, rowsPerSlice: 9 }
      const texts = findCuts(text, s).length > 0 ? [text, `${plainTable(40)}\n${text}`] : [`${plainTable(40)}\n${text}`]
      for (const t of texts) {
        const read = sliced(t, s)
        await breathe()
        expect(read).toEqual(whole(t))
      }
    })
  }
})
