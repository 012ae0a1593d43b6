import { fc, test } from "@fast-check/vitest"
import remarkGfm from "remark-gfm"
import remarkParse from "remark-parse"
import { unified } from "unified"
import { describe, expect, it } from "vitest"
import { type MarkdownTable, markdownTables } from "../../src/desired/parseDesiredState/markdownTables.js"
import { readStatusCell } from "../../src/desired/parseDesiredState/statusCell.js"

// The reader parses with only the GFM extensions that change what it reads (remarkPlanTables.ts). Here,
// what it reads from a table — each cell's text, line and column, and the Status cell's state, qualifiers
// and note — is compared with what the full remark-gfm reads, on cells full of what GFM would autolink.
const fullGfm = unified().use(remarkParse).use(remarkGfm)
const withFullGfm = (markdown: string) => markdownTables(markdown, (m) => fullGfm.parse(m))

const whatTheReaderReads = (tables: ReadonlyArray<MarkdownTable>) =>
  tables.map((t) => ({
    line: t.line,
    header: t.header,
    headings: t.headings,
    rows: t.rows.map((r) => ({
      line: r.line,
      cells: r.cells.map((c) => ({ text: c.text, line: c.line, column: c.column })),
      status: r.cells[3] === undefined ? undefined : readStatusCell(r.cells[3])
    }))
  }))

const PIECES = [
  "word",
  "wp#12",
  "[wp#3](https://op.example.com/work_packages/3)",
  "a@a.a",
  "ops@example.com",
  "mailto:x@y.example",
  "www.example.com",
  "www.example.com/path?q=1.",
  "https://x.example/path",
  "http://x.example/a_b",
  "https://x.example/wp#4",
  "(https://x.example)",
  "~~old~~",
  "~x~",
  "[^1]",
  "*em*",
  "**bold**",
  "_u_",
  "`code`",
  "&amp;",
  "—",
  "\\|",
  "<https://angle.example>",
  "x@y"
]
const cellText = fc.array(fc.constantFrom(...PIECES), { maxLength: 6 }).map((ps) => ps.join(" "))
const statusText = fc.oneof(
  cellText,
  fc
    .tuple(fc.constantFrom("**Closed**", "**In progress** LOCKED", "**New ABANDONED**", "**Blocked**"), cellText)
    .map(([bold, rest]) => `${bold} — ${rest}`)
)
const row = fc.tuple(cellText, cellText, cellText, statusText)
const document = fc
  .tuple(fc.array(row, { maxLength: 12 }), fc.constantFrom("", "## www.example.com and a@b.co\n\n", "[^1]: a note\n\n"))
  .map(
    ([rows, before]) =>
      `${before}| Track | Phase | GH issue / OP wp | Status |\n|---|---|---|---|\n${rows
        .map((cells) => `| ${cells.join(" | ")} |`)
        .join("\n")}\n`
  )

describe("the reader's GFM subset reads tables as the full GFM does", () => {
  test.prop([document])("cells' text, lines, columns and the Status cell's reading", (markdown) => {
    expect(whatTheReaderReads(markdownTables(markdown))).toEqual(whatTheReaderReads(withFullGfm(markdown)))
  })

  it("on the example plan", async () => {
    const { readFileSync } = await import("node:fs")
    const text = readFileSync("examples/F1_BUY_BOOST_PLAN.md", "utf8")
    expect(whatTheReaderReads(markdownTables(text))).toEqual(whatTheReaderReads(withFullGfm(text)))
  })
})
