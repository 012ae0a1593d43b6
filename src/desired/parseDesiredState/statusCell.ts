import type { PhrasingContent } from "mdast"
import { toString as textOf } from "mdast-util-to-string"
import { type CanonicalState, canonicalState, QUALIFIERS, type Qualifier } from "../../domain/states.js"

/** What the Status cell asks for, read from its bold prefix (runbook §1). */
export type StatusCell =
  | {
      readonly _tag: "State"
      readonly state: CanonicalState
      readonly qualifiers: ReadonlyArray<Qualifier>
      readonly note: string
    }
  | { readonly _tag: "NoBold" }
  | { readonly _tag: "UnknownState"; readonly bold: string }

const qualifierNamed = (word: string): Qualifier | undefined => QUALIFIERS.find((q) => q === word.toUpperCase())

// After the bold, only upper-case qualifiers count: a note that starts with "locked out by…" is prose.
const LEADING_QUALIFIER = new RegExp(`^\\s*(${QUALIFIERS.join("|")})(?![\\p{L}\\p{N}_])`, "u")
// The note is usually set off from the state by a dash: "**In progress** — split-PR …".
const LEADING_SEPARATORS = /^[\s\-\u2010-\u2015]+/u

const addQualifier = (into: Array<Qualifier>, q: Qualifier): void => {
  if (!into.includes(q)) into.push(q)
}

/**
 * Reads the Status cell: the first node must be bold; its words, minus trailing qualifiers (any case,
 * since the bold is the state token), name the state; qualifiers right after the bold are taken too; the
 * rest is the note.
 */
export const readStatusCell = (content: ReadonlyArray<PhrasingContent>): StatusCell => {
  const [first, ...rest] = content
  if (first === undefined || first.type !== "strong") return { _tag: "NoBold" }
  const bold = textOf(first).trim().replace(/\s+/g, " ")
  const words = bold.split(" ")
  const qualifiers: Array<Qualifier> = []
  let stateWords = words.length
  for (let i = words.length - 1; i > 0; i--) {
    const q = qualifierNamed(words[i] ?? "")
    if (q === undefined) break
    stateWords = i
  }
  for (const word of words.slice(stateWords)) {
    const q = qualifierNamed(word)
    if (q !== undefined) addQualifier(qualifiers, q)
  }
  const state = canonicalState(words.slice(0, stateWords).join(" "))
  if (state === undefined) return { _tag: "UnknownState", bold }

  let after = textOf(rest)
  for (let m = LEADING_QUALIFIER.exec(after); m !== null; m = LEADING_QUALIFIER.exec(after)) {
    const q = qualifierNamed(m[1] ?? "")
    if (q !== undefined) addQualifier(qualifiers, q)
    after = after.slice(m[0].length)
  }
  return { _tag: "State", state, qualifiers, note: after.replace(LEADING_SEPARATORS, "").trim() }
}
