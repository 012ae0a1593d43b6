import { editDistance } from "../domain/editDistance.js"

// Case-insensitive: `Plans` and `plan` are both close to `plans`.
const distance = (a: string, b: string): number => editDistance(a.toLowerCase(), b.toLowerCase())

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
