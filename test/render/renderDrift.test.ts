import { describe, expect, it } from "vitest"
import { ApplyReport, ApplySummary } from "../../src/domain/outcome.js"
import { Plan, PlannedChange, PlanSummary } from "../../src/domain/plan.js"
import { applyAnnotations, planAnnotations } from "../../src/github/planAnnotations.js"
import { renderApplyMarkdown } from "../../src/render/renderApplyMarkdown.js"
import { renderApplyText } from "../../src/render/renderApplyText.js"
import { renderPlanMarkdown } from "../../src/render/renderPlanMarkdown.js"
import { renderPlanText } from "../../src/render/renderPlanText.js"
import { planOf } from "../reconcile/selfHealFixtures.js"

const edited = new PlannedChange({
  workPackageId: 43,
  subject: "BTC features",
  from: "In testing",
  fromStatusId: 5,
  to: "In progress",
  toStatusId: 4,
  toStatusHref: "/api/v3/statuses/4",
  lockVersion: 3,
  source: "PLAN.md",
  line: 79,
  column: 3,
  cause: "edited-in-openproject",
  changedBy: "Pat <b>Operator</b>",
  changedAt: "2026-12-01T10:00:00Z"
})
const { changedBy: _by, changedAt: _at, ...unedited } = edited
const planned = new PlannedChange({ ...unedited, workPackageId: 44, line: 80, cause: "plan-changed" })

const withDrift = (() => {
  const base = planOf([planned])
  return new Plan({ ...base, drift: [edited], summary: new PlanSummary({ ...base.summary, drift: 1 }) })
})()

describe("drift and causes in every render", () => {
  it("text: the cause after the transition, a drift section, and the drift in the summary", () => {
    const text = renderPlanText(withDrift, { color: false })
    expect(text).toContain("~ wp#44  In testing → In progress  plan changed  (PLAN.md:80)  BTC features")
    expect(text).toContain(
      "≠ wp#43  In testing (the plan says In progress)  edited by Pat <b>Operator</b>, 2h ago; left as it is"
    )
    expect(text).toContain(
      "Plan: 1 to transition, 0 in sync, 0 skipped, 0 blocked; 1 edited in OpenProject left as drift (self-heal off)."
    )
    expect(renderPlanText(planOf([edited]), { color: false })).toContain(
      "~ wp#43  In testing → In progress  reverts an edit by Pat <b>Operator</b>, 2h ago  (PLAN.md:79)"
    )
  })

  it("markdown (pull-request comment, job summary): a Why column and an open drift section, escaped", () => {
    const md = renderPlanMarkdown(withDrift, { marker: "PLAN.md" })
    expect(md).toContain("| Work package | Subject | Transition | Why | Source |")
    expect(md).toContain("| plan changed |")
    expect(md).toContain("**1 edited in OpenProject, left as drift (self-heal off)**")
    expect(md).not.toContain("<b>")
  })

  it("annotations: a notice on the row of each drift, a warning on the row of each edit about to be reverted", () => {
    const lines = planAnnotations(withDrift, () => "PLAN.md")
    expect(lines.some((l) => l.startsWith("::notice file=PLAN.md,line=79") && l.includes("wp#43 drift"))).toBe(true)
    const reverting = planAnnotations(planOf([edited]), () => "PLAN.md")
    expect(reverting.some((l) => l.startsWith("::warning file=PLAN.md,line=79") && l.includes("reverts an edit"))).toBe(
      true
    )
  })

  it("an apply reports the drift it left, in text, markdown and annotations, as its plan did", () => {
    const report = new ApplyReport({
      formatVersion: 2,
      sources: withDrift.sources,
      openProjectUrl: withDrift.openProjectUrl,
      summary: new ApplySummary({ applied: 0, unchanged: 0, failed: 0, stale: 0, skipped: 0, blocked: 0, drift: 1 }),
      results: [],
      skipped: [],
      blocked: [],
      warnings: [],
      drift: [edited],
      planCreatedAt: withDrift.createdAt
    })
    const text = renderApplyText(report, { color: false })
    expect(text).toContain(
      "≠ wp#43  In testing (the plan says In progress)  edited by Pat <b>Operator</b>, 2h ago; left as it is"
    )
    expect(text).toContain("Left as drift (self-heal off): 1 edited in OpenProject.")
    const md = renderApplyMarkdown(report, { marker: "PLAN.md" })
    expect(md).toContain("**1 edited in OpenProject, left as drift (self-heal off)**")
    expect(md).not.toContain("<b>")
    expect(
      applyAnnotations(report, () => "PLAN.md").some(
        (l) => l.startsWith("::notice file=PLAN.md,line=79") && l.includes("drift")
      )
    ).toBe(true)
  })
})
