import { describe, expect, it } from "@effect/vitest"
import { annotation, annotationPath, escapeData, escapeProperty } from "../../src/github/annotations.js"

describe("annotation", () => {
  it("renders a warning on a line and column with a title", () => {
    expect(
      annotation({ level: "warning", file: "docs/plan.md", line: 14, col: 3, title: "row skipped", message: "no wp#" })
    ).toBe("::warning file=docs/plan.md,line=14,col=3,title=row skipped::no wp#")
  })

  it("renders a bare message without properties", () => {
    expect(annotation({ level: "notice", message: "in sync" })).toBe("::notice::in sync")
  })

  it("escapes the message as GitHub's runner expects: %, CR and LF only", () => {
    expect(escapeData("100% done\r\nnext: a, b")).toBe("100%25 done%0D%0Anext: a, b")
    expect(annotation({ level: "error", message: "line one\nline two: 50%" })).toBe(
      "::error::line one%0Aline two: 50%25"
    )
  })

  it("escapes properties further, so ':' and ',' cannot end or split them", () => {
    expect(escapeProperty("a,b:c%\n")).toBe("a%2Cb%3Ac%25%0A")
    expect(
      annotation({ level: "error", file: "plans/q1,q2.md", line: 2, title: "wp#44: In progress → New", message: "x" })
    ).toBe("::error file=plans/q1%2Cq2.md,line=2,title=wp#44%3A In progress → New::x")
  })

  it("escapes '%' before anything else, so an already escaped text is not decoded by the runner", () => {
    expect(escapeData("%0A")).toBe("%250A")
    expect(escapeProperty("%2C")).toBe("%252C")
  })
})

describe("annotationPath", () => {
  it("makes a working-directory-relative path relative to the workspace", () => {
    expect(annotationPath("plan.md", "/home/runner/work/repo/docs", "/home/runner/work/repo")).toBe("docs/plan.md")
  })

  it("keeps the path as given outside GitHub Actions or outside the workspace", () => {
    expect(annotationPath("docs/plan.md", "/tmp/x", undefined)).toBe("docs/plan.md")
    expect(annotationPath("/elsewhere/plan.md", "/w", "/w/repo")).toBe("/elsewhere/plan.md")
  })
})
