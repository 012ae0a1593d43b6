import { describe, expect, it } from "@effect/vitest"
import { renderPlanMarkdown } from "../../src/render/renderPlanMarkdown.js"
import { change, inSync, makePlan, notFound, skipped } from "./renderFixtures.js"

const ZWJ = "\u200d"

describe("renderPlanMarkdown", () => {
  it("puts the marker and summary first, the changes in a table and the rest in <details>", () => {
    const plan = makePlan({
      changes: [change(44, "In progress", "New", 14, "Buy boost: checkout")],
      inSync: [inSync(46, "New", 16, "Story 46")],
      blocked: [notFound(99, "Closed", 20)],
      skipped: [skipped(22, "no bold state in the Status cell")]
    })
    expect(renderPlanMarkdown(plan, { marker: "plan:F1", title: "op-reconcile plan" })).toBe(
      [
        "<!-- op-reconcile:plan:F1 -->",
        "### op-reconcile plan",
        "",
        "**Plan: 1 to transition, 1 in sync, 1 skipped, 1 blocked.**",
        "",
        "| Work package | Subject | Transition | Source |",
        "| --- | --- | --- | --- |",
        "| [`wp#44`](https://op.example.com/work_packages/44) | Buy boost: checkout | In progress → New | `F1_BUY_BOOST_PLAN.md:14` |",
        "",
        "<details>",
        "<summary>1 blocked</summary>",
        "",
        "| Work package | Wanted | Why | Source |",
        "| --- | --- | --- | --- |",
        `| [\`wp#99\`](https://op.example.com/work_packages/99) | Closed | \`wp#99\` does not exist or is not visible to this API user (OpenProject answers both with the same 404). | \`F1_BUY_BOOST_PLAN.md:20\` |`,
        "",
        "</details>",
        "",
        "<details>",
        "<summary>1 skipped</summary>",
        "",
        "| Source | Why |",
        "| --- | --- |",
        "| `F1_BUY_BOOST_PLAN.md:22` | no bold state in the Status cell |",
        "",
        "</details>",
        "",
        "<details>",
        "<summary>1 in sync</summary>",
        "",
        "| Work package | Subject | State | Source |",
        "| --- | --- | --- | --- |",
        "| [`wp#46`](https://op.example.com/work_packages/46) | Story 46 | New | `F1_BUY_BOOST_PLAN.md:16` |",
        "",
        "</details>",
        ""
      ].join("\n")
    )
  })

  it("says there are no changes and shows no empty table", () => {
    expect(renderPlanMarkdown(makePlan({}), { marker: "m" })).toBe(
      "<!-- op-reconcile:m -->\n**No changes. OpenProject matches the plan.**\n"
    )
  })

  it("escapes every value so it can neither break the table, inject HTML nor ping anyone", () => {
    const plan = makePlan({
      changes: [change(7, "New", "Closed", 3, "Pay | <script>alert(1)</script> @octocat `x` \\ & #12\nnext")]
    })
    const row = renderPlanMarkdown(plan, { marker: "m" })
      .split("\n")
      .find((l) => l.startsWith("| [`wp#7`]"))
    expect(row).toBe(
      "| [`wp#7`](https://op.example.com/work_packages/7) | " +
        `Pay &#124; &lt;script&gt;alert(1)&lt;/script&gt; @${ZWJ}octocat &#96;x&#96; &#92; &amp; #${ZWJ}12 next | ` +
        "New → Closed | `F1_BUY_BOOST_PLAN.md:3` |"
    )
  })

  it("keeps a hostile marker or title from closing the hidden comment", () => {
    const body = renderPlanMarkdown(makePlan({}), { marker: "x --> <img src=y>", title: "<b>@team</b>" })
    expect(body.split("\n").slice(0, 2)).toEqual([
      "<!-- op-reconcile:x_-___img_src=y_ -->",
      `### &lt;b&gt;@${ZWJ}team&lt;/b&gt;`
    ])
  })

  it("falls back to code for the work package when the OpenProject URL is not a plain http(s) URL", () => {
    const plan = makePlan({ changes: [change(44, "A", "B", 1, "s")], openProjectUrl: "javascript:alert(1)" })
    expect(renderPlanMarkdown(plan, { marker: "m" })).toContain("| `wp#44` | s | A → B |")
  })

  it("keeps 5,000 changes under GitHub's limit and says how many were left out", () => {
    const changes = Array.from({ length: 5_000 }, (_, i) =>
      change(i + 1, "In progress", "New", i + 10, `A rather long story subject for work package number ${i + 1}`)
    )
    const body = renderPlanMarkdown(makePlan({ changes, inSync: [inSync(9_999, "New", 5, "s")] }), { marker: "m" })
    expect(body.length).toBeLessThanOrEqual(65_000)
    const shown = body.split("\n").filter((l) => l.startsWith("| [`wp#")).length
    expect(shown).toBeGreaterThan(100)
    expect(shown).toBeLessThan(5_000)
    expect(body).toContain(`… and ${5_000 - shown} more changes (see the JSON plan).`)
    expect(body).toContain("<summary>1 in sync</summary>\n\nLeft out to keep this comment within GitHub's size limit")
  })

  it("folds the details before it cuts a single change", () => {
    const many = Array.from({ length: 3_000 }, (_, i) => inSync(i + 1, "New", i + 100, `In sync story ${i + 1}`))
    const changes = [change(1, "New", "Closed", 9, "s")]
    const full = renderPlanMarkdown(makePlan({ changes, inSync: many }), { marker: "m", maxLength: 1_000_000 })
    const body = renderPlanMarkdown(makePlan({ changes, inSync: many }), { marker: "m" })
    expect(full.length).toBeGreaterThan(65_000)
    expect(body.length).toBeLessThanOrEqual(65_000)
    expect(body).toContain("| [`wp#1`](https://op.example.com/work_packages/1) | s | New → Closed |")
    expect(body).not.toContain("more change")
    expect(body).toContain("<summary>3000 in sync</summary>\n\nLeft out")
  })

  it("honours a smaller maxLength", () => {
    const changes = Array.from({ length: 50 }, (_, i) => change(i + 1, "New", "Closed", i + 1, "subject"))
    const body = renderPlanMarkdown(makePlan({ changes }), { marker: "m", maxLength: 1_500 })
    expect(body.length).toBeLessThanOrEqual(1_500)
    expect(body).toMatch(/… and \d+ more changes \(see the JSON plan\)\./)
  })
})
