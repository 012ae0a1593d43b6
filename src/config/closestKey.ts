/**
 * Edit distance (insertions, deletions, substitutions, and swaps of two neighbours: `tabel` is one edit
 * from `table`), case-insensitive: `Plans` and `plan` are both close to `plans`.
 */
const distance = (a: string, b: string): number => {
  const x = a.toLowerCase()
  const y = b.toLowerCase()
  const d: Array<Array<number>> = Array.from({ length: x.length + 1 }, (_, i) =>
    Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0))
  )
  const at = (i: number, j: number): number => d[i]?.[j] ?? Number.POSITIVE_INFINITY
  for (let i = 1; i <= x.length; i++) {
    const row = d[i] ?? []
    for (let j = 1; j <= y.length; j++) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost)
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1)
      row[j] = best
    }
  }
  return at(x.length, y.length)
}

/**
 * The known key a mistyped one most likely meant, if any is close enough to be a typo rather than another
 * word: at most a third of the key's length in edits (at least one, so `plan` → `plans`). Ties go to the
 * first known key, so the answer does not depend on anything but the inputs.
 */
export const closestKey = (typed: string, known: ReadonlyArray<string>): string | undefined => {
  const limit = Math.max(1, Math.floor(typed.length / 3))
  let best: { readonly key: string; readonly d: number } | undefined
  for (const key of known) {
    const d = distance(typed, key)
    if (d <= limit && (best === undefined || d < best.d)) best = { key, d }
  }
  return best?.key
}
