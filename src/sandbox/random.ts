/**
 * A small deterministic PRNG (mulberry32): the same seed gives the same fault pattern and the same drift,
 * run after run, so a failing test or a demo can be replayed.
 */

/** Advance the state; returns the next state and a number in [0, 1). */
export const nextRandom = (state: number): readonly [number, number] => {
  const next = (state + 0x6d2b79f5) | 0
  let t = next
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return [((t ^ (t >>> 14)) >>> 0) / 4294967296, next]
}

/** A stateful generator for pure code that draws many numbers in a row. */
export const makeRandom = (seed: number): (() => number) => {
  let state = seed | 0
  return () => {
    const [value, next] = nextRandom(state)
    state = next
    return value
  }
}
