import { describe, expect, it } from "@effect/vitest"
import { renderApplyMarkdown } from "../../src/render/renderApplyMarkdown.js"
import { makeReport, result, skipped, transitionRefused } from "./renderFixtures.js"

const ZWJ = "\u200d"

describe("renderApplyMarkdown", () => {
  it("lists failures first with OpenProject's message and hint, then the rest, then folded skips", () => {
    const report = makeReport(
      [
        result(44, "applied", 14, { warnings: ["audit comment not posted"] }),
        result(45, "failed", 15, { error: transitionRefused }),
        result(46, "unchanged", 16, { subject: "Ask @octocat | <b>" })
      ],
      { skipped: [skipped(22, "no bold state")] }
    )
    expect(renderApplyMarkdown(report, { marker: "apply:F1" })).toBe(
      [
        "<!-- op-reconcile:apply:F1 -->",
        "**Apply: 1 applied, 1 unchanged, 1 failed, 0 stale. Not attempted: 1 skipped.**",
        "",
        "| Outcome | Work package | Subject | Transition | Source | Details |",
        "| --- | --- | --- | --- | --- | --- |",
        "| ❌ failed | [`wp#45`](https://op.example.com/work_packages/45) | Story 45 | In progress → New | `F1_BUY_BOOST_PLAN.md:15` | " +
          "Status is invalid because no valid transition exists from old to new status for the current user's roles." +
          "<br>Hint: Allow In progress → New in OpenProject's workflow for the API user's role (runbook §7). |",
        "| ✅ applied | [`wp#44`](https://op.example.com/work_packages/44) | Story 44 | In progress → New | `F1_BUY_BOOST_PLAN.md:14` | Warning: audit comment not posted |",
        `| ➖ unchanged | [\`wp#46\`](https://op.example.com/work_packages/46) | Ask @${ZWJ}octocat &#124; &lt;b&gt; | In progress → New | \`F1_BUY_BOOST_PLAN.md:16\` |  |`,
        "",
        "<details>",
        "<summary>1 skipped</summary>",
        "",
        "| Source | Why |",
        "| --- | --- |",
        "| `F1_BUY_BOOST_PLAN.md:22` | no bold state |",
        "",
        "</details>",
        ""
      ].join("\n")
    )
  })

  it("cuts a huge report to fit, keeping the failures", () => {
    const results = Array.from({ length: 5_000 }, (_, i) =>
      result(i + 1, i === 4_999 ? "failed" : "applied", i + 1, i === 4_999 ? { error: transitionRefused } : {})
    )
    const body = renderApplyMarkdown(makeReport(results), { marker: "m" })
    expect(body.length).toBeLessThanOrEqual(65_000)
    expect(body).toContain("| ❌ failed | [`wp#5000`]")
    const shown = body.split("\n").filter((l) => l.startsWith("| ✅") || l.startsWith("| ❌")).length
    expect(body).toContain(`… and ${5_000 - shown} more results (see the JSON report).`)
  })
})
