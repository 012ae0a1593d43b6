import { editDistance } from "../../domain/editDistance.js"

/**
 * "Did you mean" for mistyped flags and commands: the closest known word, when it is close enough to be
 * a slip (a missing, extra, swapped or wrong letter or two), or the one known word it is a prefix of.
 */

/** How many edits still read as a slip of `word` (not as another word). */
const tolerance = (word: string): number => (word.length <= 3 ? 1 : word.length <= 6 ? 2 : 3)

/** The known word `word` was most likely meant to be, if any. Compared without regard to case. */
export const closest = (word: string, known: ReadonlyArray<string>): string | undefined => {
  const typed = word.toLowerCase()
  let best: { readonly word: string; readonly distance: number } | undefined
  for (const candidate of known) {
    const distance = editDistance(typed, candidate.toLowerCase())
    if (distance <= tolerance(candidate) && (best === undefined || distance < best.distance)) {
      best = { word: candidate, distance }
    }
  }
  if (best !== undefined) return best.word
  // A shortened word is meant when exactly one known word starts with it.
  const stem = typed.replace(/^-+/, "")
  if (stem.length < 3) return undefined
  const prefixed = known.filter((k) => k.toLowerCase().startsWith(typed))
  return prefixed.length === 1 ? prefixed[0] : undefined
}
