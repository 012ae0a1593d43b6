/**
 * Pathological markdown documents, generated rather than committed (some are megabytes): each must be read
 * or refused with an error that names the reader's limit, quickly, without a stack trace.
 */

const TABLE_HEADER = "| Track | Phase | GH issue / OP wp | Status |\n| --- | --- | --- | --- |\n"
const STATES = ["Backlog", "New", "Specified", "In progress", "In testing", "Closed", "On hold", "Rejected"]

/** A plain tracking table of `rows` rows, as a real plan writes it: about 150 bytes a row. */
export const plainTable = (rows: number): string => {
  const lines: Array<string> = []
  for (let i = 1; i <= rows; i++) {
    lines.push(
      `| ${i} — Story number ${i} | phase ${i % 7} | OP [wp#${i}](https://openproject.example.com/work_packages/${i}) | **${STATES[i % STATES.length]}** — note ${i} |`
    )
  }
  return `# Plan\n\n${TABLE_HEADER}${lines.join("\n")}\n`
}

export interface HostileDocument {
  readonly name: string
  readonly text: () => string
  /** The limit the error names, "binary" for a document refused as binary data, or "read" when it is read. */
  readonly outcome: "size" | "nesting" | "inline markup" | "binary" | "read"
}

const withTable = (body: string) => `${TABLE_HEADER}| T | P | wp#1 | **New** |\n\n${body}\n`

export const HOSTILE_CORPUS: ReadonlyArray<HostileDocument> = [
  { name: "emphasis-16k", text: () => withTable("*a".repeat(16_000)), outcome: "inline markup" },
  { name: "emphasis-40k", text: () => withTable("*a".repeat(40_000)), outcome: "inline markup" },
  { name: "emphasis-per-line", text: () => withTable("*a\n".repeat(16_000)), outcome: "inline markup" },
  {
    name: "underscores-in-a-cell",
    text: () => `${TABLE_HEADER}| T | P | wp#1 | **New** ${"_a".repeat(40_000)} |\n`,
    outcome: "inline markup"
  },
  { name: "block-quotes-5k-deep", text: () => withTable(`${">".repeat(5_000)} a`), outcome: "nesting" },
  { name: "block-quotes-5k-deep-spaced", text: () => withTable(`${"> ".repeat(5_000)}a`), outcome: "nesting" },
  { name: "lists-5k-deep", text: () => withTable(`${"- ".repeat(5_000)}a`), outcome: "nesting" },
  { name: "ordered-lists-5k-deep", text: () => withTable(`${"1. ".repeat(5_000)}a`), outcome: "nesting" },
  {
    name: "brackets-100k",
    text: () => withTable(`${"[".repeat(100_000)}${"]".repeat(100_000)}`),
    outcome: "inline markup"
  },
  {
    name: "images-nested",
    text: () => withTable(`${"![".repeat(20_000)}a${"](b)".repeat(20_000)}`),
    outcome: "inline markup"
  },
  {
    name: "backticks",
    text: () => withTable(Array.from({ length: 20_000 }, (_, i) => "`".repeat((i % 60) + 1)).join(" a ")),
    outcome: "inline markup"
  },
  { name: "html-openers", text: () => withTable("<a ".repeat(60_000)), outcome: "inline markup" },
  {
    name: "html-comments-unclosed",
    text: () => withTable(`${"<!-- ".repeat(20_000)}${"x".repeat(100_000)}`),
    outcome: "inline markup"
  },
  { name: "table-13MB", text: () => plainTable(90_000), outcome: "size" },
  { name: "huge-single-line", text: () => withTable(`${"word ".repeat(200_000)}`), outcome: "read" },
  {
    name: "link-reference-definitions",
    text: () =>
      withTable(Array.from({ length: 40_000 }, (_, i) => `[ref${i}]: https://example.com/${i} "t"`).join("\n")),
    outcome: "inline markup"
  },
  {
    name: "many-small-paragraphs",
    text: () => withTable(Array.from({ length: 3_000 }, () => "*a* _b_ [c](d) `e`").join("\n\n")),
    outcome: "read"
  },
  {
    name: "controls-and-escapes",
    text: () => withTable("\u0001\u0007\u001b[31m".repeat(100_000)),
    outcome: "inline markup"
  },
  // A NUL byte never occurs in a text file: the document is refused as binary data before any parse.
  { name: "nul-bytes", text: () => withTable("\u0000".repeat(100_000)), outcome: "binary" },
  {
    name: "table-20k-rows-then-emphasis",
    text: () => `${plainTable(20_000)}\n${"*a".repeat(16_000)}\n`,
    outcome: "inline markup"
  }
]
