import { READER_LIMITS } from "../readerLimits.js"

/**
 * A linear scan of the text, before the markdown parser sees it, for the shapes that make the parser slow
 * (superlinear) or make it recurse deeply. A plan document is a table with some prose: its blocks hold a
 * few dozen pieces of inline markup each, so the bounds only ever refuse a pathological document.
 *
 * - Nesting: block quotes and list items opened on one line (`> > > …`, `- - - …`) make the parser recurse
 *   once per level.
 * - Inline markup: the parser matches emphasis, brackets, code spans and HTML by looking back or ahead
 *   over the inline content they sit in, so one paragraph with n markers costs about n × its length (16,000
 *   `*a` took 5.5 s). The cost is summed over the document's inline contexts (a paragraph, or one row of
 *   a table, whose cells are parsed on their own) and bounded.
 */

enum Char {
  Tab = 0x09,
  Lf = 0x0a,
  Cr = 0x0d,
  Space = 0x20,
  Bang = 0x21,
  Star = 0x2a,
  Plus = 0x2b,
  Dash = 0x2d,
  Dot = 0x2e,
  Zero = 0x30,
  Nine = 0x39,
  Lt = 0x3c,
  Gt = 0x3e,
  OpenBracket = 0x5b,
  Backslash = 0x5c,
  CloseBracket = 0x5d,
  Underscore = 0x5f,
  Backtick = 0x60,
  Pipe = 0x7c,
  Tilde = 0x7e,
  CloseParen = 0x29
}

const isBlank = (c: number) => c === Char.Space || c === Char.Tab

/** How many block quotes and list items a line opens before its content. */
const containerDepth = (text: string, start: number, end: number): number => {
  let depth = 0
  let i = start
  while (i < end) {
    const c = text.charCodeAt(i)
    if (isBlank(c)) {
      i += 1
    } else if (c === Char.Gt) {
      depth += 1
      i += 1
    } else if (
      (c === Char.Dash || c === Char.Star || c === Char.Plus) &&
      (i + 1 === end || isBlank(text.charCodeAt(i + 1)))
    ) {
      depth += 1
      i += 1
    } else if (c >= Char.Zero && c <= Char.Nine) {
      let j = i
      while (j < end && j - i < 9 && text.charCodeAt(j) >= Char.Zero && text.charCodeAt(j) <= Char.Nine) j += 1
      const after = text.charCodeAt(j)
      if ((after === Char.Dot || after === Char.CloseParen) && (j + 1 === end || isBlank(text.charCodeAt(j + 1)))) {
        depth += 1
        i = j + 1
      } else {
        break
      }
    } else {
      break
    }
  }
  return depth
}

/** Pieces of inline markup the parser pairs up: runs of `*`, `_`, `~` and backticks; `[`, `]`, `!`, `<`. */
const markersIn = (text: string, start: number, end: number): number => {
  let markers = 0
  let previous = -1
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i)
    if (c === Char.Backslash) {
      i += 1
      previous = -1
      continue
    }
    if (c === Char.Star || c === Char.Underscore || c === Char.Tilde || c === Char.Backtick) {
      if (c !== previous) markers += 1
    } else if (c === Char.OpenBracket || c === Char.CloseBracket || c === Char.Lt || c === Char.Bang) {
      markers += 1
    }
    previous = c
  }
  return markers
}

// A delimiter row of a GFM table: `|---|:--:|`, `--- | ---`.
const DELIMITER_ROW = /^[ \t>]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/
const hasPipe = (line: string) => line.includes("|")

interface Line {
  readonly start: number
  readonly end: number
  readonly number: number
}

const linesOf = (text: string): Array<Line> => {
  const lines: Array<Line> = []
  let start = 0
  let number = 1
  for (let i = 0; i <= text.length; i++) {
    const c = i === text.length ? Char.Lf : text.charCodeAt(i)
    if (c === Char.Lf || c === Char.Cr) {
      lines.push({ start, end: i, number })
      if (c === Char.Cr && text.charCodeAt(i + 1) === Char.Lf) i += 1
      start = i + 1
      number += 1
    }
  }
  return lines
}

const isBlankLine = (text: string, line: Line) => {
  for (let i = line.start; i < line.end; i++) {
    const c = text.charCodeAt(i)
    if (!isBlank(c) && c !== Char.Gt) return false
  }
  return true
}

const slice = (text: string, line: Line) => text.slice(line.start, line.end)

/**
 * A bound of the reader a document goes past, as plain data: the shape check runs in the parse worker,
 * which loads no Schema (the reader turns it into a DocumentRefused naming the file).
 */
export interface ShapeProblem {
  readonly limit: "nesting" | "inline markup"
  readonly found: string
  readonly bound: string
  readonly line?: number
}

/** The bound a document's shape goes past, if any: shapes that make the parser slow or recurse deeply (module comment). */
export const documentShapeProblem = (text: string): ShapeProblem | undefined => {
  const lines = linesOf(text)
  for (const line of lines) {
    const depth = containerDepth(text, line.start, line.end)
    if (depth > READER_LIMITS.maxNesting) {
      return {
        limit: "nesting",
        found: `block quotes or list items nested ${depth.toLocaleString("en-US")} deep on one line`,
        bound: `${READER_LIMITS.maxNesting} levels`,
        line: line.number
      }
    }
  }

  let cost = 0
  let worst = { cost: 0, line: 1 }
  const add = (markers: number, length: number, lineNumber: number) => {
    const c = markers * length
    cost += c
    if (c > worst.cost) worst = { cost: c, line: lineNumber }
  }
  // Blocks: runs of non-blank lines. A block whose second line is a delimiter row is a table, parsed
  // row by row; any other block is parsed as one inline context (a paragraph).
  let i = 0
  while (i < lines.length) {
    const first = lines[i]
    if (first === undefined || isBlankLine(text, first)) {
      i += 1
      continue
    }
    let j = i
    while (j < lines.length) {
      const line = lines[j]
      if (line === undefined || isBlankLine(text, line)) break
      j += 1
    }
    const second = lines[i + 1]
    const table =
      second !== undefined && i + 1 < j && hasPipe(slice(text, first)) && DELIMITER_ROW.test(slice(text, second))
    if (table) {
      for (let k = i; k < j; k++) {
        const line = lines[k]
        if (line !== undefined) add(markersIn(text, line.start, line.end), line.end - line.start, line.number)
      }
    } else {
      let markers = 0
      let length = 0
      for (let k = i; k < j; k++) {
        const line = lines[k]
        if (line === undefined) continue
        markers += markersIn(text, line.start, line.end)
        length += line.end - line.start + 1
      }
      add(markers, length, first.number)
    }
    i = j
  }
  if (cost > READER_LIMITS.maxInlineCost) {
    return {
      limit: "inline markup",
      found:
        "too much emphasis, brackets, code spans or HTML in one paragraph or table row " +
        `(the worst starts here; cost ${Math.round(cost / 1e6).toLocaleString("en-US")} million, from markers × length)`,
      bound: `cost ${Math.round(READER_LIMITS.maxInlineCost / 1e6).toLocaleString("en-US")} million`,
      line: worst.line
    }
  }
  return undefined
}
