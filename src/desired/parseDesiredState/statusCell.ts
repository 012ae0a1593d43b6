import { DEFAULT_VOCABULARY, type Vocabulary, wordOf } from "../../domain/vocabulary.js"
import type { Cell } from "./markdownTables.js"

/** What the Status cell asks for, read from its bold prefix (runbook §1). */
export type StatusCell =
  | {
      readonly _tag: "State"
      readonly state: string
      readonly qualifiers: ReadonlyArray<string>
      readonly note: string
    }
  | { readonly _tag: "NoBold" }
  | { readonly _tag: "UnknownState"; readonly bold: string }

const qualifierNamed = (qualifiers: ReadonlyArray<string>, word: string): string | undefined =>
  qualifiers.find((q) => q === word.toUpperCase())

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

// Built once per vocabulary, not once per row.
const leadingQualifierCache = new WeakMap<ReadonlyArray<string>, RegExp | undefined>()

// After the bold, only upper-case qualifiers count: a note that starts with "locked out by…" is prose.
const leadingQualifier = (qualifiers: ReadonlyArray<string>): RegExp | undefined => {
  if (leadingQualifierCache.has(qualifiers)) return leadingQualifierCache.get(qualifiers)
  const pattern =
    qualifiers.length === 0
      ? undefined
      : new RegExp(`^\\s*(${qualifiers.map(escapeRegExp).join("|")})(?![\\p{L}\\p{N}_])`, "u")
  leadingQualifierCache.set(qualifiers, pattern)
  return pattern
}
// The note is usually set off from the state by a dash: "**In progress** — split-PR …".
const LEADING_SEPARATORS = /^[\s\-\u2010-\u2015]+/u

const addQualifier = (into: Array<string>, q: string): void => {
  if (!into.includes(q)) into.push(q)
}

/**
 * Reads the Status cell: the first node must be bold; its words, minus trailing qualifiers (any case,
 * since the bold is the state token), name the state; qualifiers right after the bold are taken too; the
 * rest is the note.
 */
export const readStatusCell = (cell: Pick<Cell, "lead">, vocabulary: Vocabulary = DEFAULT_VOCABULARY): StatusCell => {
  const lead = cell.lead
  if (lead === undefined) return { _tag: "NoBold" }
  const bold = lead.bold.trim().replace(/\s+/g, " ")
  const words = bold.split(" ")
  const qualifiers: Array<string> = []
  let stateWords = words.length
  for (let i = words.length - 1; i > 0; i--) {
    const q = qualifierNamed(vocabulary.qualifiers, words[i] ?? "")
    if (q === undefined) break
    stateWords = i
  }
  for (const word of words.slice(stateWords)) {
    const q = qualifierNamed(vocabulary.qualifiers, word)
    if (q !== undefined) addQualifier(qualifiers, q)
  }
  const state = wordOf(vocabulary, words.slice(0, stateWords).join(" "))
  if (state === undefined) return { _tag: "UnknownState", bold }

  let after = lead.after
  const leading = leadingQualifier(vocabulary.qualifiers)
  for (let m = leading?.exec(after) ?? null; m !== null; m = leading?.exec(after) ?? null) {
    const q = qualifierNamed(vocabulary.qualifiers, m[1] ?? "")
    if (q !== undefined) addQualifier(qualifiers, q)
    after = after.slice(m[0].length)
  }
  return { _tag: "State", state, qualifiers, note: after.replace(LEADING_SEPARATORS, "").trim() }
}
