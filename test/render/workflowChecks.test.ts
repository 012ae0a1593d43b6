import { describe, expect, it } from "vitest"
import { PlannedChange } from "../../src/domain/plan.js"
import { planAnnotations } from "../../src/github/planAnnotations.js"
import { renderPlanMarkdown } from "../../src/render/renderPlanMarkdown.js"
import { renderPlanText } from "../../src/render/renderPlanText.js"
import { change, makePlan } from "./renderFixtures.js"

const REFUSED =
  "Status is invalid because no valid transition exists from old to new status for the current user's roles."

const refused = new PlannedChange({
  ...change(43, "New", "Closed", 79, "1 — BTC features"),
  check: { result: "refused", message: REFUSED, allowed: ["New", "In progress", "Rejected"] }
})
const routed = new PlannedChange({
  ...change(44, "New", "Closed", 80, "2 — ETH features"),
  check: { result: "allowed" },
  route: ["In progress", "Closed"]
})
const failedCheck = new PlannedChange({
  ...change(45, "New", "On hold", 81, "3 — SOL"),
  check: { result: "unchecked", reason: "OpenProject's form could not be asked: 503" }
})
const plan = makePlan({ changes: [refused, routed, failedCheck] })

describe("a refused change in every render", () => {
  it("text: marked ✗, OpenProject's message, what it allows, the ways out; a route as its hops", () => {
    const text = renderPlanText(plan, { color: false })
    expect(text).toMatch(/^✗ wp#43\s+New → Closed\s+\(F1_BUY_BOOST_PLAN\.md:79\)/m)
    expect(text).toContain(`Refused by OpenProject's workflow: New → Closed will fail if merged as it stands.`)
    expect(text).toContain(`OpenProject said: "${REFUSED}"`)
    expect(text).toContain("From New OpenProject allows: In progress, Rejected.")
    expect(text).toContain('--route "New->Closed=In progress"')
    expect(text).toMatch(/^~ wp#44\s+New → In progress → Closed\s+\(F1_BUY_BOOST_PLAN\.md:80\)/m)
    expect(text).toContain("the later steps can only be known by walking the route")
    expect(text).toContain("Not checked against OpenProject's workflow: OpenProject's form could not be asked: 503")
    expect(text).toContain("1 change would be refused by OpenProject's workflow: it will fail if merged as it stands.")
  })

  it("pull-request comment: the refusal stands above the table, escaped", () => {
    const markdown = renderPlanMarkdown(plan, { marker: "plan.md" })
    const refusal = markdown.indexOf("⛔ **1 change would be refused")
    expect(refusal).toBeGreaterThan(0)
    expect(refusal).toBeLessThan(markdown.indexOf("| Work package |"))
    expect(markdown).toContain("From New OpenProject allows: In progress, Rejected.")
    expect(markdown).toContain("| ⛔ New → Closed |")
    expect(markdown).toContain("| New → In progress → Closed |")
  })

  it("annotations: an error on the line that asks for the refused change", () => {
    const annotations = planAnnotations(plan, () => "documentation/F1_BUY_BOOST_PLAN.md")
    const errors = annotations.filter((a) => a.startsWith("::error"))
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain("line=79")
    expect(errors[0]).toContain("would be refused by OpenProject's workflow")
    expect(errors[0]).toContain("From New OpenProject allows: In progress, Rejected.")
  })
})
