/**
 * "Did you mean" for mistyped flags and commands: the closest known word, when it is close enough to be
 * a slip (a missing, extra, swapped or wrong letter or two), or the one known word it is a prefix of.
 */

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
export const editDistance = (a: string, b: string): number => {
  const rows = a.length + 1
  const cols = b.length + 1
  const d: Array<Array<number>> = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      const row = d[i]
      if (row !== undefined) row[j] = best
    }
  }
  return at(a.length, b.length)
}

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
