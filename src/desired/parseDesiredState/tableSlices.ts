/**
 * Reading a long table in slices of rows, so that the parser's work and its tree are bounded by a slice,
 * not by the document (micromark holds every event of the text it parses, and remark the whole tree).
 *
 * The document is parsed once, as a skeleton: each long run of lines that start with `|` keeps its first
 * three lines and its last, and the lines between are cut out. The cut lines are then parsed in slices,
 * each slice after a copy of its table's header and delimiter rows, and their rows take the place of the
 * cut. Every byte of the document is parsed once, and only what a slice repeats (the header rows and the
 * document's definitions, kept below the slice's own bytes) twice; the rows read are the ones a parse of
 * the whole document gives:
 *
 * - The cut is used only when the skeleton shows the third line of the run as a body row of a table that
 *   sits at the top of the document (in no block quote, list or footnote), and the run's last line as the
 *   next row of that table. Then in the whole document the same holds up to the third line (the text
 *   before it is the same, and the parser decides each line from what comes before it), and each cut
 *   line is a body row of that table too: at the top level, right after a table row, a line starting with
 *   `|` can start nothing but another row (no block construct starts with `|`, and a table row never fails
 *   once started). After the cut the parser is in the same state as after the skeleton's kept row, so the
 *   rest of the document reads the same. A run anywhere else (in a fenced code block, a block quote's lazy
 *   lines, a table in a list) fails the check and the document is parsed whole.
 * - A row's cells are parsed on their own (nothing in a row spans lines), with one piece of the rest of
 *   the document: which link reference definitions and footnotes exist, wherever they are. Each slice is
 *   followed by a definition for every identifier the skeleton defines, so `[text][ref]` and `[^1]` read
 *   the same. Identifiers outside printable ASCII (whose case folding is not sure to round-trip) make the
 *   document parse whole.
 * - Each slice must read back as a table whose every line is a row; otherwise the document is parsed whole.
 *
 * test/desired/tableSlices.property.test.ts compares the sliced read with the whole read on generated
 * documents and on the hostile corpus.
 */

/** When to slice: runs of at least `minRun` lines starting with `|`, in slices of `rowsPerSlice` rows. */
export interface Slicing {
  readonly minRun: number
  readonly rowsPerSlice: number
}

/** A piece of a run of `|` lines cut out of the skeleton, in the document's coordinates. */
export interface Cut {
  /** Line of the run's third line, the last row kept before the cut. */
  readonly keptLine: number
  /** Line of the run's last line, the first row kept after the cut. */
  readonly resumeLine: number
  /** Line and offset where the cut starts (the run's fourth line). */
  readonly line: number
  readonly start: number
  /** Offset where the cut ends: the start of the run's last line. */
  readonly end: number
  /** Start offset of each cut line, and `end` after them. */
  readonly lineStarts: ReadonlyArray<number>
}

const LF = 0x0a
const CR = 0x0d
const PIPE = 0x7c

/** The long runs of lines that start with `|`, each with the lines to cut out of it. */
export const findCuts = (markdown: string, slicing: Slicing): ReadonlyArray<Cut> => {
  const cuts: Array<Cut> = []
  const minRun = Math.max(slicing.minRun, 5)
  let runStarts: Array<number> = []
  let runLine = 0
  const flush = () => {
    if (runStarts.length >= minRun) {
      const lineStarts = runStarts.slice(3)
      const end = lineStarts[lineStarts.length - 1] ?? 0
      cuts.push({
        keptLine: runLine + 2,
        resumeLine: runLine + runStarts.length - 1,
        line: runLine + 3,
        start: lineStarts[0] ?? 0,
        end,
        lineStarts
      })
    }
    runStarts = []
  }
  let line = 1
  let start = 0
  while (start <= markdown.length) {
    if (markdown.charCodeAt(start) === PIPE) {
      if (runStarts.length === 0) runLine = line
      runStarts.push(start)
    } else {
      flush()
    }
    let i = start
    while (i < markdown.length && markdown.charCodeAt(i) !== LF && markdown.charCodeAt(i) !== CR) i += 1
    if (i >= markdown.length) break
    i += markdown.charCodeAt(i) === CR && markdown.charCodeAt(i + 1) === LF ? 2 : 1
    start = i
    line += 1
  }
  flush()
  return cuts
}

/** The document without the cut lines. */
export const skeletonOf = (markdown: string, cuts: ReadonlyArray<Cut>): string => {
  const pieces: Array<string> = []
  let from = 0
  for (const cut of cuts) {
    pieces.push(markdown.slice(from, cut.start))
    from = cut.end
  }
  pieces.push(markdown.slice(from))
  return pieces.join("")
}

/** How far a point of the skeleton is from the same point of the document. */
export interface Shift {
  readonly lines: number
  readonly offset: number
}

export const NO_SHIFT: Shift = { lines: 0, offset: 0 }

/** The shift of each point of the skeleton: the lines and bytes cut before it. */
export const skeletonShifts = (cuts: ReadonlyArray<Cut>): ((skeletonOffset: number) => Shift) => {
  const starts: Array<number> = []
  const shifts: Array<Shift> = []
  let lines = 0
  let offset = 0
  for (const cut of cuts) {
    starts.push(cut.start - offset)
    lines += cut.lineStarts.length - 1
    offset += cut.end - cut.start
    shifts.push({ lines, offset })
  }
  return (skeletonOffset) => {
    let lo = 0
    let hi = starts.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if ((starts[mid] ?? 0) <= skeletonOffset) lo = mid + 1
      else hi = mid
    }
    return lo === 0 ? NO_SHIFT : (shifts[lo - 1] ?? NO_SHIFT)
  }
}

/** A slice of a cut: its text to parse and where its rows sit in the document. */
export interface Slice {
  readonly text: string
  readonly rows: number
  /** Line of the slice's first row in its own text, and the shift to the document. */
  readonly firstRowLine: number
  readonly shift: Shift
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/

/**
 * The definitions a slice is followed by, so its cells see the identifiers the document defines; undefined
 * when an identifier could not be written back as the same definition.
 */
export const definitionsText = (
  definitions: ReadonlyArray<string>,
  footnotes: ReadonlyArray<string>
): string | undefined => {
  const all = [...definitions, ...footnotes]
  if (all.some((id) => !PRINTABLE_ASCII.test(id) || id.trim() === "" || id.length > 999)) return undefined
  // Blank lines between: a definition does not interrupt a footnote's paragraph.
  return [...definitions.map((id) => `[${id}]: x`), ...footnotes.map((id) => `[^${id}]: x`)].join("\n\n")
}

/** The slices of one cut, each after its table's header and delimiter rows (`head`, with their line endings). */
export const slicesOf = (
  markdown: string,
  cut: Cut,
  head: string,
  definitions: string,
  rowsPerSlice: number
): ReadonlyArray<Slice> => {
  const slices: Array<Slice> = []
  const headLines = 2
  const tail = definitions === "" ? "" : `\n\n\n${definitions}\n`
  const size = Math.max(1, rowsPerSlice)
  for (let first = 0; first < cut.lineStarts.length - 1; first += size) {
    const last = Math.min(first + size, cut.lineStarts.length - 1)
    const from = cut.lineStarts[first] ?? 0
    const to = cut.lineStarts[last] ?? 0
    slices.push({
      text: `${head}${markdown.slice(from, to)}${tail}`,
      rows: last - first,
      firstRowLine: headLines + 1,
      shift: { lines: cut.line + first - (headLines + 1), offset: from - head.length }
    })
  }
  return slices
}
