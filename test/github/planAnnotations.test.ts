import { describe, expect, it } from "@effect/vitest"
import { ApplyReport, ApplySummary, ChangeResult, ItemError } from "../../src/domain/outcome.js"
import { BlockedItem, Plan, PlanSource, PlanSummary, SkippedItem } from "../../src/domain/plan.js"
import { applyAnnotations, planAnnotations } from "../../src/github/planAnnotations.js"

const source = new PlanSource({ path: "docs/F1_BUY_BOOST_PLAN.md", sha256: "0".repeat(64) })

const plan = new Plan({
  formatVersion: 2,
  createdAt: "2026-05-01T00:00:00.000Z",
  sources: [source],
  openProjectUrl: "https://op.example",
  summary: new PlanSummary({ changes: 0, inSync: 0, skipped: 2, blocked: 1 }),
  changes: [],
  inSync: [],
  skipped: [
    new SkippedItem({
      reason: "NoWorkPackageReference",
      message: "no wp#NN reference",
      source: source.path,
      line: 12,
      column: 1
    }),
    new SkippedItem({
      reason: "NoBoldState",
      message: "Status has no bold state: 100%, operator-managed",
      source: source.path,
      line: 13,
      column: 40,
      workPackageId: 45
    })
  ],
  blocked: [
    new BlockedItem({
      workPackageId: 44,
      state: "Doing",
      reason: "UnknownStatus",
      message: 'OpenProject has no status "Doing".\nSee runbook §7.',
      source: source.path,
      line: 14,
      column: 40
    })
  ],
  warnings: []
})

describe("planAnnotations", () => {
  it("puts skipped rows as warnings and blocked items as errors on their lines, escaped", () => {
    // Each item is annotated on the file of its own plan: fileOf maps the plan's name to its workspace path.
    expect(planAnnotations(plan, (s) => s)).toEqual([
      "::warning file=docs/F1_BUY_BOOST_PLAN.md,line=12,col=1,title=op-reconcile%3A row skipped::no wp#NN reference",
      "::warning file=docs/F1_BUY_BOOST_PLAN.md,line=13,col=40,title=op-reconcile%3A wp#45 skipped::" +
        "Status has no bold state: 100%25, operator-managed",
      "::error file=docs/F1_BUY_BOOST_PLAN.md,line=14,col=40,title=op-reconcile%3A wp#44 blocked::" +
        'OpenProject has no status "Doing".%0ASee runbook §7.'
    ])
  })

  it("annotates only the failed items of an apply", () => {
    const result = (workPackageId: number, outcome: "applied" | "failed") =>
      new ChangeResult({
        workPackageId,
        subject: "s",
        from: "In progress",
        to: "New",
        source: workPackageId === 46 ? "team/b.md" : "a.md",
        line: workPackageId - 30,
        outcome,
        warnings: [],
        ...(outcome === "failed"
          ? { error: new ItemError({ tag: "TransitionRefused", message: "Status is invalid", hint: "runbook §7" }) }
          : {})
      })
    const report = new ApplyReport({
      formatVersion: 2,
      sources: [source],
      openProjectUrl: "https://op.example",
      summary: new ApplySummary({ applied: 1, unchanged: 0, failed: 1, stale: 0, skipped: 0, blocked: 0 }),
      results: [result(44, "applied"), result(46, "failed")],
      skipped: [],
      blocked: [],
      warnings: []
    })
    expect(applyAnnotations(report, (s) => `docs/${s}`)).toEqual([
      "::error file=docs/team/b.md,line=16,title=op-reconcile%3A wp#46 In progress → New failed::Status is invalid%0Arunbook §7"
    ])
  })
})
