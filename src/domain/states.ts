import { Schema } from "effect"

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

export const CanonicalState = Schema.Literal(...CANONICAL_STATES)
export type CanonicalState = typeof CanonicalState.Type

/** Verdict qualifiers that may follow the bold state; stripped before matching, kept on the row. */
export const QUALIFIERS = ["ABANDONED", "LOCKED", "KEEP_AVAILABLE"] as const

export const Qualifier = Schema.Literal(...QUALIFIERS)
export type Qualifier = typeof Qualifier.Type

/** Case- and whitespace-insensitive key used to compare state names (ours and the server's). */
export const stateKey = (name: string): string => name.trim().replace(/\s+/g, " ").toLowerCase()

const byKey: ReadonlyMap<string, CanonicalState> = new Map(CANONICAL_STATES.map((s) => [stateKey(s), s]))

/** The canonical state a free-text name denotes, if any. */
export const canonicalState = (name: string): CanonicalState | undefined => byKey.get(stateKey(name))
