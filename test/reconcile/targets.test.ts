import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { DesiredRow, DesiredState, SkippedRow } from "../../src/domain/desired.js"
import { parseTarget, selectTargets, targetingWarning } from "../../src/reconcile/targets.js"

const row = (workPackageId: number, line: number) =>
  new DesiredRow({ workPackageId, state: "New", qualifiers: [], note: "", label: "", line, column: 1 })

const document = (file: string, ids: ReadonlyArray<number>, skipped: ReadonlyArray<SkippedRow> = []) =>
  new DesiredState({ file, tableLine: 1, rows: ids.map((id, i) => row(id, 3 + i)), skipped })

describe("--target", () => {
  it.each([
    ["wp#43", 43],
    ["WP#7", 7],
    ["43", 43],
    [" wp#1 ", 1]
  ])("reads %s as wp#%d", (text, id) => {
    expect(parseTarget(text)).toEqual(Either.right(id))
  })

  it.each(["#43", "wp43", "wp#0", "wp#", "wp#1,wp#2", "abc", ""])("refuses %j, saying how to write it", (text) => {
    const parsed = parseTarget(text)
    expect(Either.isLeft(parsed)).toBe(true)
    if (Either.isLeft(parsed)) expect(parsed.left).toContain("--target wp#43")
  })

  it("keeps only the targeted rows of each document, across documents", () => {
    const docs = [document("A.md", [1, 2, 3]), document("B.md", [4, 5])]
    const selected = Either.getOrThrow(selectTargets(docs, [2, 5]))
    expect(selected.map((d) => [d.file, d.rows.map((r) => r.workPackageId)])).toEqual([
      ["A.md", [2]],
      ["B.md", [5]]
    ])
  })

  it("names every target no plan has a row for, and where a skipped row with that id is", () => {
    const skipped = new SkippedRow({
      reason: "UnknownState",
      message: "wp#9: **Done** is not a state",
      line: 12,
      column: 3,
      workPackageId: 9
    })
    const refused = selectTargets([document("A.md", [1], [skipped])], [1, 8, 9])
    if (Either.isRight(refused)) throw new Error("expected a refusal")
    expect(refused.left.message).toBe(
      "--target: wp#8 is not a row of A.md; wp#9 is skipped at A.md:12 (the row is not synced as written). " +
        "Target only work packages the plan asks for; nothing was read from OpenProject or written."
    )
  })

  test.prop([fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 1, maxLength: 40 }), fc.integer()])(
    "the selected rows are exactly the targets, in the document's order",
    (ids, seed) => {
      const targets = ids.filter((_, i) => (seed >> (i % 31)) & 1 || i === 0)
      const [selected] = Either.getOrThrow(selectTargets([document("A.md", ids)], targets))
      expect(selected?.rows.map((r) => r.workPackageId)).toEqual(ids.filter((id) => targets.includes(id)))
    }
  )

  it("warns that the rest of the plan was not looked at", () => {
    expect(targetingWarning([43, 44], 12)).toBe(
      "--target: only wp#43, wp#44 planned; the other 12 row(s) of the plan were not looked at (not read from " +
        "OpenProject, not compared), so this is not the whole plan. Run without --target to plan everything."
    )
  })
})
