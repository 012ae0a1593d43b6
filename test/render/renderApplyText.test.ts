import { describe, expect, it } from "@effect/vitest"
import { renderApplyText } from "../../src/render/renderApplyText.js"
import { makeReport, notFound, result, skipped, transitionRefused } from "./renderFixtures.js"

const report = makeReport(
  [
    result(44, "applied", 14),
    result(45, "failed", 15, { error: transitionRefused }),
    result(46, "unchanged", 16),
    result(47, "stale", 17),
    result(1000, "applied", 18, {
      warnings: ["the audit comment could not be posted (HTTP 503); the transition stands."]
    })
  ],
  { blocked: [notFound(99, "Closed", 20)], skipped: [skipped(22, "no bold state in the Status cell")] }
)

describe("renderApplyText", () => {
  it("prints each outcome with OpenProject's message and hint under a failure, then the summary", () => {
    expect(renderApplyText(report, { color: false })).toBe(
      [
        "✓ wp#44    In progress → New  applied    (F1_BUY_BOOST_PLAN.md:14)  Story 44",
        "✗ wp#45    In progress → New  failed     (F1_BUY_BOOST_PLAN.md:15)  Story 45",
        "    Status is invalid because no valid transition exists from old to new status for the current user's roles.",
        "    hint: Allow In progress → New in OpenProject's workflow for the API user's role (runbook §7).",
        "= wp#46    In progress → New  unchanged  (F1_BUY_BOOST_PLAN.md:16)  Story 46",
        "! wp#47    In progress → New  stale      (F1_BUY_BOOST_PLAN.md:17)  Story 47",
        "✓ wp#1000  In progress → New  applied    (F1_BUY_BOOST_PLAN.md:18)  Story 1000",
        "    warning: the audit comment could not be posted (HTTP 503); the transition stands.",
        "",
        "! wp#99    blocked → Closed  (F1_BUY_BOOST_PLAN.md:20)",
        "    wp#99 does not exist or is not visible to this API user (OpenProject answers both with the same 404).",
        "",
        "Apply: 2 applied, 1 unchanged, 1 failed, 1 stale. Not attempted: 1 skipped, 1 blocked.",
        ""
      ].join("\n")
    )
  })

  it("says so when there was nothing to apply", () => {
    expect(renderApplyText(makeReport([]), { color: false })).toBe(
      "Nothing to apply.\n\nApply: 0 applied, 0 unchanged, 0 failed, 0 stale.\n"
    )
  })

  it("colours outcomes only when asked", () => {
    const coloured = renderApplyText(report, { color: true })
    expect(coloured).toContain("\u001b[32m✓\u001b[0m")
    expect(coloured).toContain("\u001b[31mfailed   \u001b[0m")
    expect(renderApplyText(report, { color: false })).not.toContain("\u001b[")
  })
})
