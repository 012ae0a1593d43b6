/**
 * The bounds of the plan reader (README: "Limits of the reader"). A plan is a status table with some prose
 * around it; a plain table of 20,000 rows (3 MB) is well inside every bound, and the bounds only refuse
 * the shapes that would make the markdown parser hang, recurse or exhaust memory.
 */
export const READER_LIMITS = {
  /** Bytes of the document: a parse of the whole holds about 0.3 GB per MB of markdown while it works (a long table, read in slices, far less). */
  maxBytes: 8 * 1024 * 1024,
  /** Block quotes and list items opened on one line. */
  maxNesting: 64,
  /** Σ over paragraphs and table rows of (inline markers × length); ~1 s of parsing at the bound. */
  maxInlineCost: 100_000_000,
  /**
   * Processor time of the parse, a backstop for any shape the bounds above miss: 9 s, and 10 s more per MB
   * of the document. micromark itself (the floor of any parse) needs about 4.5 s of processor time per MB of
   * a plain table on this machine class, so an honest table of any size allowed is read with room to spare,
   * while a small document the bounds miss is stopped within 10 s. Processor time, not wall time: a busy
   * machine slows an honest parse down without making it refused.
   */
  timeLimitMs: 9_000,
  timeLimitMsPerMb: 10_000,
  /** Heap of the worker that parses, a backstop for memory. */
  maxHeapMb: 2_048,
  /**
   * The largest document the CLI parses in its own thread, without the worker: starting a worker costs
   * more processor time than reading a table of a hundred rows (a second Node isolate that loads the
   * stack and the parser again). Up to this size the shape check keeps every parse short: the slowest
   * documents of this size that pass it (emphasis and nesting built to just under the bounds, and
   * random mixes of markdown's markup) take about a second of processor time, a ninth of `timeLimitMs`,
   * and a few MB of heap. Larger documents, where a shape the bounds miss could take longer, are parsed
   * in the worker with its heap cap and time budget.
   */
  inThreadMaxBytes: 16 * 1024,
  /**
   * The smallest document whose parse starts with the process (earlyParse.ts) on a machine with two or
   * more cores: the worker then parses on the second core while the first loads the CLI, which takes
   * longer than the worker's start and a parse of up to a few hundred rows. Measured on a 2-core machine
   * (the built CLI's `validate`, Node 20), a worker started for a table of 10 rows (0.5 KB) saved no time and
   * cost about 0.1 s of processor time on the other core; from about 25 rows (1.2 KB) it took 30 ms or more
   * off the run, 40 ms at 100 rows (4.7 KB), 75 ms at 300 rows (14 KB). On one core the worker's start
   * competes with the CLI's, so there the early parse keeps to documents over `inThreadMaxBytes`.
   */
  earlyParseMinBytes: 2 * 1024
} as const

/** The processor time a document of this many bytes may take to parse (see `timeLimitMs`). */
export const parseTimeBudgetMs = (bytes: number): number =>
  READER_LIMITS.timeLimitMs + Math.ceil((READER_LIMITS.timeLimitMsPerMb * bytes) / (1024 * 1024))
