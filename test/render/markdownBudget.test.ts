import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { fitCommentBody } from "../../src/github/commentBody.js"
import { cutToLength, fitToBudget, GITHUB_COMMENT_LIMIT } from "../../src/render/markdownBudget.js"

/** The one owner of GitHub's comment limit and of the cut (render/markdownBudget.ts). */

const sourceFiles = (dir: string): ReadonlyArray<string> =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []
  )

describe("GitHub's comment limit", () => {
  it("is written once, in markdownBudget.ts; every other module takes it from there", () => {
    const holders = sourceFiles("src").filter((file) => /65[_,]?536/.test(readFileSync(file, "utf8")))
    expect(holders).toEqual([join("src", "render", "markdownBudget.ts")])
  })

  it("the sticky comment's body is cut by the same cut, below the limit, its start kept", () => {
    const body = `<!-- op-reconcile:PLAN.md -->\n**Plan: 9 to transition.**\n${"| 1 | x |\n".repeat(10_000)}`
    const sent = fitCommentBody(body)
    expect(sent.length).toBe(GITHUB_COMMENT_LIMIT - 1)
    expect(sent).toBe(cutToLength(body, GITHUB_COMMENT_LIMIT - 1))
    expect(sent.startsWith("<!-- op-reconcile:PLAN.md -->\n**Plan: 9 to transition.**\n")).toBe(true)
    expect(sent).toContain("cut to fit GitHub's 65,536-character limit")
    expect(fitCommentBody("short")).toBe("short")
  })
})

describe("cutToLength", () => {
  test.prop([fc.string({ unit: "binary", maxLength: 3_000 }), fc.integer({ min: 0, max: 3_000 })])(
    "is the body when it fits; else at most maxLength, the body's start, never half a surrogate pair",
    (body, maxLength) => {
      const cut = cutToLength(body, maxLength)
      if (body.length <= maxLength) {
        expect(cut).toBe(body)
        return
      }
      expect(cut.length).toBeLessThanOrEqual(maxLength)
      const kept = cut.includes("\n\n---\n:scissors:") ? cut.slice(0, cut.indexOf("\n\n---\n:scissors:")) : cut
      expect(body.startsWith(kept)).toBe(true)
      const last = kept.charCodeAt(kept.length - 1)
      // a high surrogate at the end of what is kept would be half of a character the body has whole
      if (last >= 0xd800 && last <= 0xdbff) expect(body.charCodeAt(kept.length)).not.toBeGreaterThanOrEqual(0xdc00)
    }
  )
})

describe("fitToBudget", () => {
  const rows = [...Array(100).keys()].map((i) => `| ${i} | ${"x".repeat(50)} |\n`)
  const comment = (maxLength: number) =>
    fitToBudget({
      head: "HEAD\n\n",
      tableHeader: "| n | x |\n| - | - |\n",
      tableRows: rows,
      moreRowsNote: (n) => `\n… and ${n} more\n`,
      sections: [
        { full: `FIRST ${"a".repeat(500)}\n\n`, folded: "FIRST folded\n\n" },
        { full: `SECOND ${"b".repeat(500)}\n\n`, folded: "SECOND folded\n\n" }
      ],
      maxLength
    })

  it("folds the sections, the last first, then cuts the table with a count of the rows left out", () => {
    const whole = comment(1_000_000)
    expect(whole).toContain("FIRST aaa")
    expect(comment(whole.length - 1)).toContain("SECOND folded")
    expect(comment(whole.length - 1)).toContain("FIRST aaa")
    const cut = comment(2_000)
    expect(cut.length).toBeLessThanOrEqual(2_000)
    expect(cut).toContain("FIRST folded")
    expect(cut).toMatch(/… and \d+ more/)
  })

  it("cuts even a head longer than the budget, with the note, never over it", () => {
    const cut = fitToBudget({
      head: "H".repeat(5_000),
      tableHeader: "",
      tableRows: [],
      moreRowsNote: () => "",
      sections: [],
      maxLength: 1_000
    })
    expect(cut.length).toBeLessThanOrEqual(1_000)
    expect(cut).toContain(":scissors:")
  })
})
