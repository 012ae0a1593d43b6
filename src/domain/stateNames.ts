// The state names as plain constants, apart from their Schemas (states.ts): the parse worker reads the
// Status cell with them and loads no Schema.

/**
 * The eight canonical work package states of the tracking table (runbook §1).
 * The runbook says "the 7 OP states" but lists eight; all eight are accepted.
 */
export const CANONICAL_STATES = [
  "Backlog",
  "New",
  "Specified",
  "In progress",
  "In testing",
  "Closed",
  "On hold",
  "Rejected"
] as const

/** Verdict qualifiers that may follow the bold state; stripped before matching, kept on the row. */
export const QUALIFIERS = ["ABANDONED", "LOCKED", "KEEP_AVAILABLE"] as const

/** Case- and whitespace-insensitive key used to compare state names (ours and the server's). */
export const stateKey = (name: string): string => name.trim().replace(/\s+/g, " ").toLowerCase()
