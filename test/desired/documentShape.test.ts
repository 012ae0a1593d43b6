import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { checkDocumentShape } from "../../src/desired/parseDesiredState/documentShape.js"
import { parseDesiredState } from "../../src/desired/parseDesiredState.js"
import { HOSTILE_CORPUS, plainTable } from "../hostile/corpus.js"

const refusal = (text: string) => {
  const checked = checkDocumentShape(text, "plan.md")
  return Either.isLeft(checked) ? checked.left : undefined
}

describe("the document shape check", () => {
  // The whole 20,000-row read is in `npm run bench` (a test does not need its seconds).
  it("lets a plain tracking table of 20,000 rows (3 MB) through, and the reader reads a table of that shape", () => {
    const text = plainTable(20_000)
    expect(text.length).toBeGreaterThan(2_500_000)
    expect(refusal(text)).toBeUndefined()
    const read = parseDesiredState(plainTable(500), "plan.md")
    expect(Either.isRight(read) && read.right.rows.length).toBe(500)
  })

  it("lets the example plan and ordinary prose through", () => {
    const prose = Array.from(
      { length: 500 },
      (_, i) => `Paragraph ${i} with *emphasis*, a [link](https://x), \`code\`.`
    )
    expect(refusal(prose.join("\n\n"))).toBeUndefined()
    expect(refusal(`> > quoted\n\n- a\n  - b\n    - c\n\n${"> ".repeat(20)}deep enough`)).toBeUndefined()
  })

  for (const doc of HOSTILE_CORPUS.filter((d) => d.outcome === "nesting" || d.outcome === "inline markup")) {
    it(`refuses ${doc.name}, naming the ${doc.outcome} limit and the line`, () => {
      const refused = refusal(doc.text())
      expect(refused?.limit).toBe(doc.outcome)
      expect(refused?.line).toBeGreaterThan(0)
      expect(refused?.message).toContain(`the ${doc.outcome} limit of the plan reader`)
    })
  }

  for (const doc of HOSTILE_CORPUS.filter((d) => d.outcome === "read")) {
    it(`reads ${doc.name}`, () => {
      const read = parseDesiredState(doc.text(), "plan.md")
      expect(Either.isRight(read) && read.right.rows.map((r) => r.workPackageId)).toEqual([1])
    })
  }

  it("names the block where the worst markup starts", () => {
    const text = `# Plan\n\nfine *text*\n\n${"[".repeat(50_000)}\n`
    expect(refusal(text)?.line).toBe(5)
  })

  it("counts an escaped marker as text, not markup", () => {
    expect(refusal(`\\*a`.repeat(40_000))).toBeUndefined()
  })

  it("is reported by the reader before any parse", () => {
    const read = parseDesiredState(`${"> ".repeat(100)}x\n`, "plan.md")
    expect(Either.isLeft(read) && read.left._tag).toBe("DocumentRefused")
  })
})
