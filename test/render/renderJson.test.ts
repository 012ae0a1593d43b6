import { describe, expect, it } from "@effect/vitest"
import { Schema } from "effect"
import { ApplyReport } from "../../src/domain/outcome.js"
import { PlanJson } from "../../src/domain/plan.js"
import { renderApplyJson, renderPlanJson } from "../../src/render/renderJson.js"
import { change, inSync, makePlan, makeReport, notFound, result, skipped, transitionRefused } from "./renderFixtures.js"

const plan = makePlan({
  changes: [change(44, "In progress", "New", 14, "Checkout")],
  inSync: [inSync(46, "New", 16, "Story 46")],
  blocked: [notFound(99, "Closed", 20)],
  skipped: [skipped(22, "no bold state")]
})

describe("renderPlanJson", () => {
  it("reads back, through the plan Schema, to the same plan", () => {
    expect(Schema.decodeUnknownSync(PlanJson)(renderPlanJson(plan))).toEqual(plan)
  })

  it("is pretty-printed with two spaces and has the fields scripts rely on", () => {
    const text = renderPlanJson(plan)
    expect(text.startsWith('{\n  "formatVersion": 2,\n  "createdAt": "2026-11-25T10:00:00.000Z",')).toBe(true)
    const raw: unknown = JSON.parse(text)
    expect(raw).toMatchObject({
      summary: { changes: 1, inSync: 1, skipped: 1, blocked: 1 },
      changes: [
        { workPackageId: 44, from: "In progress", to: "New", source: "documentation/F1_BUY_BOOST_PLAN.md", line: 14 }
      ],
      skipped: [{ source: "documentation/F1_BUY_BOOST_PLAN.md", line: 22, reason: "NoBoldState" }]
    })
  })
})

describe("renderApplyJson", () => {
  it("reads back through the ApplyReport Schema and carries the error of a failed item", () => {
    const report = makeReport([result(44, "applied", 14), result(45, "failed", 15, { error: transitionRefused })])
    const text = renderApplyJson(report)
    expect(Schema.decodeUnknownSync(Schema.parseJson(ApplyReport))(text)).toEqual(report)
    expect(JSON.parse(text)).toMatchObject({
      results: [
        { workPackageId: 44, from: "In progress", to: "New", outcome: "applied" },
        { workPackageId: 45, outcome: "failed", error: { tag: "TransitionRefused" } }
      ],
      summary: { applied: 1, failed: 1 }
    })
  })
})
