import { describe, expect, it } from "@effect/vitest"
import { renderPlanText } from "../../src/render/renderPlanText.js"
import { change, inSync, makePlan, notFound, skipped } from "./renderFixtures.js"

const drifted = makePlan({
  changes: [
    change(44, "In progress", "New", 14, "Buy boost: checkout"),
    change(120, "Specified", "Closed", 15, "Payment provider")
  ],
  inSync: [inSync(46, "New", 16, "Story 46")],
  blocked: [notFound(99, "Closed", 20)],
  skipped: [skipped(22, "no bold state in the Status cell")]
})

describe("renderPlanText", () => {
  it("prints one aligned Terraform-style line per change, then blocked rows, warnings and the summary", () => {
    expect(renderPlanText(drifted, { color: false })).toBe(
      [
        "~ wp#44   In progress → New   (F1_BUY_BOOST_PLAN.md:14)  Buy boost: checkout",
        "~ wp#120  Specified → Closed  (F1_BUY_BOOST_PLAN.md:15)  Payment provider",
        "",
        "! wp#99   blocked → Closed  (F1_BUY_BOOST_PLAN.md:20)",
        "    wp#99 does not exist or is not visible to this API user (OpenProject answers both with the same 404).",
        "",
        "Plan: 2 to transition, 1 in sync, 1 skipped, 1 blocked.",
        ""
      ].join("\n")
    )
  })

  it("keeps the issue's line shape for a single change", () => {
    const text = renderPlanText(makePlan({ changes: [change(44, "In progress", "New", 14, "Checkout")] }), {
      color: false
    })
    expect(text.split("\n")[0]).toBe("~ wp#44  In progress → New  (F1_BUY_BOOST_PLAN.md:14)  Checkout")
  })

  it("says there is nothing to do when OpenProject matches the plan", () => {
    expect(renderPlanText(makePlan({ inSync: [inSync(46, "New", 16, "S")] }), { color: false })).toBe(
      "No changes. OpenProject matches the plan.\n"
    )
  })

  it("still reports what was skipped when there is nothing to do", () => {
    const text = renderPlanText(makePlan({ inSync: [inSync(46, "New", 16, "S")], skipped: [skipped(5, "x")] }), {
      color: false
    })
    expect(text).toBe("No changes. OpenProject matches the plan (1 in sync); 1 skipped.\n")
  })

  it("never says OpenProject matches the plan while a row is blocked", () => {
    for (const inSyncRows of [[], [inSync(46, "New", 16, "S")]]) {
      const text = renderPlanText(makePlan({ inSync: inSyncRows, blocked: [notFound(9, "New", 3)] }), { color: false })
      expect(text).not.toContain("matches")
      expect(text).not.toContain("No changes")
      expect(text).toContain("! wp#9  blocked → New  (F1_BUY_BOOST_PLAN.md:3)")
      expect(text.endsWith(`Plan: 0 to transition, ${inSyncRows.length} in sync, 0 skipped, 1 blocked.\n`)).toBe(true)
    }
  })

  it("leaves warnings out: they go to stderr", () => {
    expect(renderPlanText(drifted, { color: false })).not.toContain("no bold state")
  })

  it("colours with ANSI codes only when asked", () => {
    const plain = renderPlanText(drifted, { color: false })
    const coloured = renderPlanText(drifted, { color: true })
    expect(plain).not.toContain("\u001b[")
    expect(coloured.split("\n")[0]).toBe(
      "\u001b[33m~\u001b[0m \u001b[1mwp#44 \u001b[0m  In progress → New   (F1_BUY_BOOST_PLAN.md:14)  " +
        "\u001b[2mBuy boost: checkout\u001b[0m"
    )
    expect(coloured).toContain("\u001b[31m!\u001b[0m")
    expect(coloured).toContain("\u001b[1mPlan: 2 to transition, 1 in sync, 1 skipped, 1 blocked.\u001b[0m")
    // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping the ANSI codes under test
    expect(coloured.replace(/\u001b\[\d+m/g, "")).toBe(plain)
  })

  it("does not let a subject carry terminal escapes or line breaks", () => {
    const text = renderPlanText(
      makePlan({ changes: [change(1, "New", "Closed", 9, "evil\u001b[2J\nsecond line\u202eevil")] }),
      { color: false }
    )
    expect(text.split("\n")[0]).toBe("~ wp#1  New → Closed  (F1_BUY_BOOST_PLAN.md:9)  evil [2J second line evil")
  })
})
