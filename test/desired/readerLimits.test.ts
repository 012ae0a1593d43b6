import { describe, expect, it } from "vitest"
import { parseTimeBudgetMs, READER_LIMITS } from "../../src/desired/readerLimits.js"

const MB = 1024 * 1024

describe("the parse's budget of processor time", () => {
  it("is 9 s for a small document, so a shape the other bounds miss is stopped within 10 s", () => {
    expect(parseTimeBudgetMs(0)).toBe(9_000)
    expect(parseTimeBudgetMs(80_000)).toBe(9_763)
  })

  it("grows by 10 s per MB, so an honest table of the largest size allowed still has room", () => {
    expect(parseTimeBudgetMs(MB)).toBe(19_000)
    expect(parseTimeBudgetMs(3 * MB)).toBe(39_000)
    expect(parseTimeBudgetMs(READER_LIMITS.maxBytes)).toBe(89_000)
  })
})
