import { describe, expect, it } from "@effect/vitest"
import { PlannedChange } from "../../src/domain/plan.js"
import { auditComment } from "../../src/reconcile/auditComment.js"

const change = (from: string, to: string, source = "docs/F1_PLAN.md") =>
  new PlannedChange({
    workPackageId: 43,
    subject: "s",
    from,
    fromStatusId: 9,
    to,
    toStatusId: 2,
    toStatusHref: "/api/v3/statuses/2",
    lockVersion: 1,
    source,
    line: 14,
    column: 1
  })

describe("auditComment", () => {
  it("quotes a plain path as code and plain status names as they are", () => {
    const text = auditComment(change("New", "In progress"), {}, 2)
    expect(text).toContain("Status changed from **New** to **In progress** by op-reconcile")
    expect(text).toContain("`docs/F1_PLAN.md`, line 14.")
  })

  it("escapes status names and a path that would be markup, links or mentions in OpenProject", () => {
    const hostile = "**x** <img src=x> [a](https://evil.example) #12 @admin\n# heading"
    const text = auditComment(change(hostile, hostile, `plans/${hostile}.md`), {}, 2)
    const [first, second] = text.split("\n")
    expect(first).not.toMatch(/<img|\]\(|(?<!&)#\d|@a|\*\*x\*\*/)
    expect(second).not.toMatch(/<img|\]\(|(?<!&)#\d|@a|`/)
    // the comment keeps its lines: a value cannot add one of its own
    expect(text.split("\n")).toHaveLength(4)
  })
})
