import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { globMatches, isGlob, segmentMatcher, segmentsOf } from "../../src/config/glob.js"

const matches = (pattern: string, path: string) => globMatches(segmentsOf(pattern), segmentsOf(path))

describe("glob", () => {
  it("tells globs from paths", () => {
    expect(isGlob("docs/*.md")).toBe(true)
    expect(isGlob("docs/plan-?.md")).toBe(true)
    expect(isGlob("docs/[draft].md")).toBe(false)
    expect(isGlob("docs/PLAN.md")).toBe(false)
  })

  it("matches * and ? within one segment, never across a /", () => {
    expect(matches("docs/*.md", "docs/a.md")).toBe(true)
    expect(matches("docs/*.md", "docs/missions/a.md")).toBe(false)
    expect(matches("docs/plan-?.md", "docs/plan-1.md")).toBe(true)
    expect(matches("docs/plan-?.md", "docs/plan-12.md")).toBe(false)
    expect(matches("*/PLAN.md", "team/PLAN.md")).toBe(true)
  })

  it("matches ** as any number of directories, none included", () => {
    expect(matches("docs/**/*.md", "docs/a.md")).toBe(true)
    expect(matches("docs/**/*.md", "docs/x/y/a.md")).toBe(true)
    expect(matches("**/PLAN.md", "PLAN.md")).toBe(true)
    expect(matches("docs/**/*.md", "other/a.md")).toBe(false)
  })

  it("does not let a wildcard match a leading dot, like a shell", () => {
    expect(matches("docs/*.md", "docs/.draft.md")).toBe(false)
    expect(matches("docs/.*.md", "docs/.draft.md")).toBe(true)
    expect(matches("**/a.md", ".git/a.md")).toBe(false)
  })

  it("takes regular-expression characters literally", () => {
    expect(segmentMatcher("plan(1)+.md")("plan(1)+.md")).toBe(true)
    expect(segmentMatcher("plan(1)+.md")("plan1.md")).toBe(false)
    expect(segmentMatcher("[a].md")("a.md")).toBe(false)
  })

  const name = fc.stringMatching(/^[a-z0-9_\-.]{1,8}$/).filter((s) => s !== "." && s !== ".." && !s.startsWith("."))
  test.prop([fc.array(name, { minLength: 1, maxLength: 4 })])(
    "a path matches itself, and ** before its last segment",
    (path) => {
      expect(globMatches(path, path)).toBe(true)
      expect(globMatches(["**", ...path.slice(-1)], path)).toBe(true)
      expect(
        globMatches(
          path.map(() => "*"),
          path
        )
      ).toBe(true)
      expect(globMatches([...path.map(() => "*"), "*"], path)).toBe(false)
    }
  )
})
