import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { parseDesiredState } from "../../src/desired/parseDesiredState.js"
import { SkippedItem } from "../../src/domain/plan.js"
import {
  failsStrict,
  StrictRow,
  StrictRowsFound,
  strictRowsOfDocument,
  strictRowsOfPlan
} from "../../src/domain/strictRows.js"
import { makePlan, notFound, SOURCE, skipped } from "../render/renderFixtures.js"

const DOCUMENT = [
  "| Track | Phase | GH issue / OP wp | Status |",
  "| - | - | - | - |",
  "| a | p | OP wp#1 | **New** |",
  "| b | p | OP wp#2 | **in-progress** |",
  "| c | p | [#3](https://op.example.com/work_packages/3) | **New** |",
  "| d | p | weekly sync | Thursdays |",
  "| e | p | OP wp#5 | operator-managed |",
  "| f | p | OP wp#1 | **New** |",
  "| g | p | OP wp#7 | **Whatever** |",
  ""
].join("\n")

describe("--strict: which rows fail the run", () => {
  it("a bold word that is not a state (near miss or not) and a work package not written as wp#NN fail; informational, unbolded and duplicate rows do not", () => {
    const read = parseDesiredState(DOCUMENT, "PLAN.md")
    if (Either.isLeft(read)) throw new Error(read.left.message)
    expect(read.right.skipped.map((s) => [s.line, s.reason, failsStrict(s)])).toEqual([
      [4, "UnknownState", true],
      [5, "NoWorkPackageReference", true],
      [6, "NoWorkPackageReference", false],
      [7, "NoBoldState", false],
      [8, "DuplicateRow", false],
      [9, "UnknownState", true]
    ])
    expect(strictRowsOfDocument(read.right).map((r) => r.location)).toEqual(["PLAN.md:4", "PLAN.md:5", "PLAN.md:9"])
  })

  it("in a plan, blocked rows fail too, each named at its file and line, in line order", () => {
    const nearMiss = new SkippedItem({
      reason: "UnknownState",
      message: "wp#9: **Done** is not a state; did you mean **Closed**?",
      source: SOURCE.path,
      line: 30,
      column: 5,
      suggestion: "Closed"
    })
    const plan = makePlan({ skipped: [skipped(12, "operator-managed"), nearMiss], blocked: [notFound(4, "New", 20)] })
    const rows = strictRowsOfPlan(plan, (source) => `/repo/${source}`)
    expect(rows.map((r) => [r.location, r.message.slice(0, 12)])).toEqual([
      [`/repo/${SOURCE.path}:20`, "blocked: wp#"],
      [`/repo/${SOURCE.path}:30`, "wp#9: **Done"]
    ])
  })

  it("the error names each row on its own line, hostile text kept on one line", () => {
    const error = new StrictRowsFound({
      rows: [new StrictRow({ location: "PLAN.md:4", message: "wp#2: **x\u001b[2J\nfake** is not a state" })]
    })
    const lines = error.message.split("\n")
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe("--strict: 1 row(s) would not be synced as written:")
    expect(lines[1]).toBe("  PLAN.md:4: wp#2: **x [2J fake** is not a state")
    expect(lines[2]).toContain("run without --strict")
  })
})
