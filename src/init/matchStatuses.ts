import { stateKey } from "../domain/states.js"

/**
 * `init`'s guess at a config's `states:` (pure): each of the plan's words is matched to this OpenProject's
 * status names, exactly first, then without regard to case or spacing (as the planner compares them). A word
 * with no match is left for the user to map; `init` never guesses a translation.
 */

export type WordMatch =
  | { readonly _tag: "Matched"; readonly word: string; readonly status: string; readonly how: "exact" | "case" }
  | { readonly _tag: "Unmatched"; readonly word: string }

export const matchStatuses = (
  words: ReadonlyArray<string>,
  statusNames: ReadonlyArray<string>
): ReadonlyArray<WordMatch> => {
  const seen = new Set<string>()
  const unique = words.filter((w) => {
    const key = stateKey(w)
    if (key === "" || seen.has(key)) return false
    seen.add(key)
    return true
  })
  return unique.map((word): WordMatch => {
    const exact = statusNames.find((s) => s === word)
    if (exact !== undefined) return { _tag: "Matched", word, status: exact, how: "exact" }
    const loose = statusNames.find((s) => stateKey(s) === stateKey(word))
    if (loose !== undefined) return { _tag: "Matched", word, status: loose, how: "case" }
    return { _tag: "Unmatched", word }
  })
}
