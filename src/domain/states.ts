import { Schema } from "effect"
import { CANONICAL_STATES, QUALIFIERS, stateKey } from "./stateNames.js"

export { CANONICAL_STATES, QUALIFIERS, stateKey }

export const CanonicalState = Schema.Literal(...CANONICAL_STATES)
export type CanonicalState = typeof CanonicalState.Type

export const Qualifier = Schema.Literal(...QUALIFIERS)
export type Qualifier = typeof Qualifier.Type

const byKey: ReadonlyMap<string, CanonicalState> = new Map(CANONICAL_STATES.map((s) => [stateKey(s), s]))

/** The canonical state a free-text name denotes, if any. */
export const canonicalState = (name: string): CanonicalState | undefined => byKey.get(stateKey(name))
