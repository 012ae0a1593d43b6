import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { BlockedItem, InSyncItem, Plan, PlannedChange, PlanSource, PlanSummary } from "../../src/domain/plan.js"
import { renderPlanMarkdown } from "../../src/render/renderPlanMarkdown.js"

/** The pull-request comment of a config's run: one section per plan under one sticky comment. */

const A = new PlanSource({ path: "PLAN.md", sha256: "a".repeat(64) })
const B = new PlanSource({ path: "team/<b>stories</b>.md", sha256: "b".repeat(64) })
const C = new PlanSource({ path: "quiet.md", sha256: "c".repeat(64) })

const change = (id: number, source: string, subject = `Story ${id}`) =>
  new PlannedChange({
    workPackageId: id,
    subject,
    from: "New",
    fromStatusId: 2,
    to: "In progress",
    toStatusId: 4,
    toStatusHref: "/api/v3/statuses/4",
    lockVersion: 1,
    source,
    line: 10 + id,
    column: 3
  })

const blocked = (id: number, source: string) =>
  new BlockedItem({
    workPackageId: id,
    state: "Backlog",
    reason: "UnknownStatus",
    message: `"Backlog" is not a status on this OpenProject`,
    source,
    line: 90 + id,
    column: 3
  })

const plan = (
  changes: ReadonlyArray<PlannedChange>,
  sources: ReadonlyArray<PlanSource> = [A, B, C],
  blockedItems: ReadonlyArray<BlockedItem> = []
) =>
  new Plan({
    formatVersion: 2,
    createdAt: "2026-12-01T12:00:00.000Z",
    config: new PlanSource({ path: "op-reconcile.yml", sha256: "d".repeat(64) }),
    sources,
    openProjectUrl: "https://op.example.com",
    summary: new PlanSummary({ changes: changes.length, inSync: 1, skipped: 0, blocked: blockedItems.length }),
    changes,
    inSync: [new InSyncItem({ workPackageId: 9, subject: "Done", state: "Closed", source: C.path, line: 7 })],
    skipped: [],
    blocked: blockedItems,
    warnings: []
  })

const count = (text: string, part: string) => text.split(part).length - 1

describe("the pull-request comment of a config's run", () => {
  it("has the run's summary, then one section per plan; a plan in sync is folded", () => {
    const md = renderPlanMarkdown(plan([change(1, A.path), change(2, B.path)], [A, B, C], [blocked(3, B.path)]), {
      marker: "op-reconcile.yml"
    })
    expect(md.startsWith("<!-- op-reconcile:op-reconcile.yml -->\n")).toBe(true)
    expect(md).toContain("**Plan: 2 to transition, 1 in sync, 0 skipped, 1 blocked.**")
    const a = md.indexOf("#### PLAN.md\n\n**Plan: 1 to transition, 0 in sync, 0 skipped, 0 blocked.**")
    const b = md.indexOf(
      "#### team/&lt;b&gt;stories&lt;/b&gt;.md\n\n**Plan: 1 to transition, 0 in sync, 0 skipped, 1 blocked."
    )
    const c = md.indexOf("<details>\n<summary>quiet.md: No changes. OpenProject matches the plan.</summary>")
    expect(a).toBeGreaterThan(0)
    expect(b).toBeGreaterThan(a)
    expect(c).toBeGreaterThan(b)
    // each plan's section holds its own items only
    expect(md.slice(a, b)).toContain("Story 1")
    expect(md.slice(a, b)).not.toContain("Story 2")
    expect(md.slice(b, c)).toContain("Story 2")
    expect(md.slice(b, c)).toContain("Backlog")
    expect(md.slice(a, b)).not.toContain("Backlog")
    expect(md.slice(c)).toContain("Done")
    expect(md).not.toContain("<b>")
  })

  it("one plan's comment keeps its one layout, without per-plan sections", () => {
    const md = renderPlanMarkdown(plan([change(1, A.path)], [A]), { marker: "PLAN.md" })
    expect(md).not.toContain("#### PLAN.md")
    expect(md).toContain("**Plan: 1 to transition")
  })

  it("stays within the budget by cutting plans' sections, the last first, each keeping its heading", () => {
    const many = [...Array(400).keys()].map((i) => change(i + 1, i < 200 ? A.path : B.path, "x".repeat(200)))
    const md = renderPlanMarkdown(plan(many), { marker: "op-reconcile.yml", maxLength: 60_000 })
    expect(md.length).toBeLessThanOrEqual(60_000)
    expect(md).toContain("#### PLAN.md\n\n**Plan: 200 to transition")
    expect(md).toContain("#### team/&lt;b&gt;stories&lt;/b&gt;.md\n\n**Plan: 200 to transition")
    expect(md).toContain("<summary>quiet.md:")
    // the last plan was cut to its share, its table saying how many changes it left out
    const b = md.slice(md.indexOf("#### team/"))
    expect(b).toMatch(/… and \d+ more changes \(see the JSON plan\)\./)
    expect(b).toContain("wp#201")
  })

  // Many plans, each large, with hostile paths and subjects: within the limit, one marker, balanced markup.
  const hostile = fc.string({
    unit: fc.constantFrom("a", "<", ">", "|", "`", "\n", "-", "!", "#", "*", "]", "(", "details", "<!--", "-->")
  })
  test.prop([fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 60 }), hostile, hostile], { numRuns: 25 })(
    "every plan keeps its section within GitHub's limit, whatever the plans' number, size and text",
    (plans, perPlan, path, subject) => {
      const sources = [...Array(plans).keys()].map(
        (i) => new PlanSource({ path: `${i}-${path}.md`, sha256: "e".repeat(64) })
      )
      const changes = sources.flatMap((s, i) =>
        [...Array(perPlan).keys()].map((j) => change(i * 1000 + j + 1, s.path, `${subject} ${"y".repeat(300)}`))
      )
      const md = renderPlanMarkdown(plan(changes, sources), { marker: "op-reconcile.yml", maxLength: 65_000 })
      expect(md.length).toBeLessThanOrEqual(65_000)
      expect(count(md, "<!--")).toBe(1)
      expect(count(md, "<details>")).toBe(count(md, "</details>"))
      expect(count(md, "\n#### ")).toBe(plans)
    }
  )
})
