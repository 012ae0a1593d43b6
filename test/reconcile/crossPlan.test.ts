import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { DesiredState } from "../../src/domain/desired.js"
import { PlanSource } from "../../src/domain/plan.js"
import { CANONICAL_STATES } from "../../src/domain/states.js"
import { makeVocabulary } from "../../src/domain/vocabulary.js"
import { checkAcrossPlans } from "../../src/reconcile/crossPlan.js"
import { planDocuments } from "../../src/reconcile/planner.js"
import { CANONICAL_STATUSES, CREATED_AT, OP_URL, observedState, row, STATUS, workPackage } from "./plannerFixtures.js"

const doc = (file: string, rows: ReturnType<typeof row>[]) =>
  new DesiredState({ file, tableLine: 1, rows, skipped: [] })

describe("checkAcrossPlans", () => {
  it("refuses one work package asked for in different states by two plans, naming both files and lines", () => {
    const result = checkAcrossPlans([
      { desired: doc("a/PLAN.md", [row(7, "Closed", 12), row(8, "New", 13)]) },
      { desired: doc("b/OTHER.md", [row(7, "In progress", 30)]) }
    ])
    expect(Either.isLeft(result) && result.left.message).toBe(
      "the same work package is asked for in different states by different plans:\n" +
        "  wp#7: a/PLAN.md:12 (Closed) vs b/OTHER.md:30 (In progress)\n" +
        "Give the rows the same state, or keep the work package in one plan only; nothing was read from OpenProject."
    )
  })

  it("finds nothing to check in one document, and nothing in documents that agree", () => {
    expect(Either.isRight(checkAcrossPlans([]))).toBe(true)
    expect(
      Either.isRight(checkAcrossPlans([{ desired: doc("a.md", [row(7, "Closed", 12), row(8, "New", 13)]) }]))
    ).toBe(true)
    const three = checkAcrossPlans([
      { desired: doc("a.md", [row(7, "Closed", 12)]) },
      { desired: doc("b.md", [row(7, "Closed", 30), row(9, "New", 31)]) },
      { desired: doc("c.md", [row(9, "New", 5)]) }
    ])
    expect(Either.isRight(three)).toBe(true)
  })

  it("names every plan that asks for a conflicting work package, in the order of the plans", () => {
    const result = checkAcrossPlans([
      { desired: doc("a.md", [row(7, "Closed", 12)]) },
      { desired: doc("b.md", [row(7, "Closed", 30)]) },
      { desired: doc("c.md", [row(7, "New", 5)]) }
    ])
    expect(
      Either.isLeft(result) && result.left.conflicts.map((c) => c.locations.map((l) => `${l.file}:${l.line}`))
    ).toEqual([["a.md:12", "b.md:30", "c.md:5"]])
  })

  it("compares the statuses the words stand for: two words mapped to one status agree", () => {
    const agree = checkAcrossPlans([
      { desired: doc("a.md", [row(7, "Closed", 12)]) },
      {
        desired: doc("b.md", [row(7, "Rejected", 30)]),
        vocabulary: makeVocabulary({ states: [{ Rejected: "Closed" }] })
      }
    ])
    expect(Either.isRight(agree)).toBe(true)
    const differ = checkAcrossPlans([
      {
        desired: doc("a.md", [row(7, "Closed", 12)]),
        vocabulary: makeVocabulary({ states: [{ Closed: "Erledigt" }] })
      },
      { desired: doc("b.md", [row(7, "Closed", 30)]) }
    ])
    expect(Either.isLeft(differ) && differ.left.message).toContain("a.md:12 (Closed = Erledigt) vs b.md:30 (Closed)")
  })

  test.prop([
    fc.array(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.constantFrom(...CANONICAL_STATES)), { maxLength: 12 })
  ])("refuses exactly when some work package has two different states in two documents", (asks) => {
    // Split the asks over two documents, one row per work package in each (the reader's own rule).
    const [first, second] = [asks.filter((_, i) => i % 2 === 0), asks.filter((_, i) => i % 2 === 1)].map((part) => [
      ...new Map(part).entries()
    ])
    const a = first ?? []
    const b = second ?? []
    const conflicting = a.some(([id, s]) => b.some(([id2, s2]) => id === id2 && s !== s2))
    const result = checkAcrossPlans([
      {
        desired: doc(
          "a.md",
          a.map(([id, s], i) => row(id, s, 10 + i))
        )
      },
      {
        desired: doc(
          "b.md",
          b.map(([id, s], i) => row(id, s, 10 + i))
        )
      }
    ])
    expect(Either.isLeft(result)).toBe(conflicting)
  })
})

describe("planDocuments", () => {
  it("plans several documents against one observation, every item naming its plan, a repeat planned once with a warning", () => {
    const plan = planDocuments({
      documents: [
        {
          desired: doc("docs/a.md", [row(1, "Closed", 10), row(2, "New", 11)]),
          source: new PlanSource({ path: "a.md", sha256: "1".repeat(64) })
        },
        {
          desired: doc("docs/team/b.md", [row(2, "Neu", 5), row(3, "Done", 6), row(4, "New", 7)]),
          source: new PlanSource({ path: "team/b.md", sha256: "2".repeat(64) }),
          vocabulary: makeVocabulary({ states: [{ Neu: "New", Done: "Closed" }] })
        }
      ],
      config: new PlanSource({ path: "op-reconcile.yml", sha256: "3".repeat(64) }),
      observed: observedState(
        [workPackage(1, STATUS.New), workPackage(2, STATUS.New), workPackage(3, STATUS.New)],
        CANONICAL_STATUSES
      ),
      openProjectUrl: OP_URL,
      createdAt: CREATED_AT
    })
    expect(plan.sources.map((s) => s.path)).toEqual(["a.md", "team/b.md"])
    expect(plan.config?.path).toBe("op-reconcile.yml")
    expect(plan.changes.map((c) => [c.workPackageId, c.to, c.source, c.line])).toEqual([
      [1, "Closed", "a.md", 10],
      [3, "Closed", "team/b.md", 6]
    ])
    expect(plan.inSync.map((i) => [i.workPackageId, i.source, i.line])).toEqual([[2, "a.md", 11]])
    expect(plan.blocked.map((b) => [b.workPackageId, b.reason, b.source, b.line])).toEqual([
      [4, "WorkPackageNotFound", "team/b.md", 7]
    ])
    expect(plan.warnings).toEqual([
      "docs/team/b.md:5: wp#2 is already listed at docs/a.md:11; planned once from that row. Keep one row per work package."
    ])
  })
})
