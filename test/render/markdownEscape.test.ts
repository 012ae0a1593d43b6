import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { escapeMarkdown, MAX_CELL_CHARS } from "../../src/render/markdownEscape.js"

describe("escapeMarkdown (properties)", () => {
  test.prop([fc.string({ unit: "binary", maxLength: 300 })])("nothing in a value can act as markup", (text) => {
    const escaped = escapeMarkdown(text)
    // no cell break, no HTML, no code span, no backslash escape, no line break
    expect(escaped).not.toMatch(/[|<>`\\\n\r]/)
    // every @ and every #<digit> is followed by a zero-width joiner, so nobody is mentioned or cross-referenced
    expect(escaped).not.toMatch(/@(?!\u200d)/)
    expect(escaped).not.toMatch(/#(?!\u200d|\d+;)\d/)
    // entities are whole: every & starts one
    expect(escaped).not.toMatch(/&(?!(amp|lt|gt|#\d+);)/)
  })

  test.prop([fc.string({ unit: "grapheme-ascii", minLength: MAX_CELL_CHARS + 1, maxLength: 1_000 })])(
    "a long value is cut to the cell limit with an ellipsis",
    (text) => {
      const escaped = escapeMarkdown(text.replace(/[^a-z]/gi, "a"))
      expect(escaped).toHaveLength(MAX_CELL_CHARS)
      expect(escaped.endsWith("…")).toBe(true)
    }
  )
})

describe("escapeMarkdown (links GitHub would make by itself)", () => {
  it("keeps bare URLs, www. hosts and GH-123 readable but unlinked", () => {
    const escaped = escapeMarkdown("see https://evil.example/x, www.evil.example and GH-123 or gh-7")
    expect(escaped).not.toMatch(/:\/\//)
    expect(escaped).not.toMatch(/\bwww\./i)
    expect(escaped).not.toMatch(/\bgh-\d/i)
    expect(escaped.replace(/\u200d/g, "")).toBe("see https://evil.example/x, www.evil.example and GH-123 or gh-7")
  })

  it("drops bidi controls, which would make a cell read differently than it is", () => {
    expect(escapeMarkdown("Pay \u202eredaeh\u202c now \u2066x\u2069")).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/)
  })
})
