import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect } from "vitest"
import { parseDesiredState } from "../../src/desired/parseDesiredState.js"
import { CANONICAL_STATES, QUALIFIERS } from "../../src/domain/states.js"
import { type GeneratedRow, type IdStyle, type RenderedRow, renderTrackingTable } from "./trackingTableMarkdown.js"

// Free text as people type it in notes, with everything markdown would otherwise interpret.
const CHARACTERS = [..."abcXYZ019 ", ..."|\\`*_[]()<>&#!~\"'{}-.:;@^=+/", "é", "ß", "中", "e\u0301", "🚀", "👩‍💻", "—"]
const freeText = fc.array(fc.constantFrom(...CHARACTERS), { maxLength: 30 }).map((cs) => cs.join("").trim())

const LEADING_QUALIFIER = new RegExp(`^(${QUALIFIERS.join("|")})(?![\\p{L}\\p{N}_])`, "u")
// The reader drops the dashes that set a note off from the state, and takes upper-case qualifiers right
// after the bold; a generated note avoids both so it must come back unchanged.
const note = freeText.filter((n) => !/^[\s\-\u2010-\u2015]/u.test(n) && !LEADING_QUALIFIER.test(n))
const mentionsWorkPackage = (text: string) => /wp#\d/i.test(text)

const randomCase = (word: string) =>
  fc
    .array(fc.boolean(), { minLength: word.length, maxLength: word.length })
    .map((upper) => [...word].map((c, i) => (upper[i] ? c.toUpperCase() : c.toLowerCase())).join(""))

const spellingOf = (state: string) =>
  fc.tuple(randomCase(state), fc.constantFrom(" ", "  ", "   ")).map(([word, gap]) => word.split(" ").join(gap))

const desiredRow = fc
  .record({
    label: freeText,
    id: fc.integer({ min: 1, max: 99_999_999 }),
    idStyle: fc.constantFrom<IdStyle>("plain", "link", "code", "issueAndLink"),
    state: fc.constantFrom(...CANONICAL_STATES),
    qualifiers: fc.subarray([...QUALIFIERS]),
    qualifiersInsideBold: fc.boolean(),
    separator: fc.constantFrom(" — ", " - ", " – ", " "),
    note
  })
  .chain((r) => spellingOf(r.state).map((spelling): GeneratedRow => ({ kind: "desired", ...r, spelling })))

const skippedRow = fc.oneof(
  fc
    .record({
      label: freeText,
      text: freeText.filter((t) => t.length > 0 && !mentionsWorkPackage(t)),
      status: freeText
    })
    .map((r): GeneratedRow => ({ kind: "informational", ...r })),
  fc
    .record({ label: freeText, id: fc.integer({ min: 1, max: 99_999_999 }), status: freeText })
    .map((r): GeneratedRow => ({ kind: "noBold", ...r })),
  fc
    .record({
      label: freeText,
      id: fc.integer({ min: 1, max: 99_999_999 }),
      bold: fc.constantFrom("Blocked", "Done", "WIP", "Waiting for review", "Closed-ish")
    })
    .map((r): GeneratedRow => ({ kind: "unknownState", ...r })),
  fc
    .record({ label: freeText, id: fc.integer({ min: 1, max: 99_999_999 }) })
    .map((r): GeneratedRow => ({ kind: "multiple", ...r, otherId: r.id + 100_000_000 }))
)

const idOf = (row: GeneratedRow): number => (row.kind === "informational" ? -1 : row.id)

// One row per work package: duplicates are covered by the unit tests.
const rows = (skips: boolean) =>
  fc.uniqueArray(skips ? fc.oneof(desiredRow, skippedRow) : desiredRow, {
    maxLength: 20,
    selector: idOf,
    comparator: (a, b) => a !== -1 && a === b
  })

const proseLine = fc.oneof(
  fc.constant(""),
  fc.array(fc.stringMatching(/^[a-z]{1,8}$/), { minLength: 1, maxLength: 8 }).map((ws) => ws.join(" ")),
  fc.stringMatching(/^[a-z]{1,8}$/).map((w) => `## ${w}`)
)
const prose = fc.array(proseLine, { maxLength: 12 })

type Variant = "lf" | "crlf" | "bom" | "bom+crlf"
const withVariant = (markdown: string, variant: Variant) => {
  const endings = variant.endsWith("crlf") ? markdown.replaceAll("\n", "\r\n") : markdown
  return variant.startsWith("bom") ? `\uFEFF${endings}` : endings
}
const variant = fc.constantFrom<Variant>("lf", "crlf", "bom", "bom+crlf")

/** The skip the reader must report for a rendered row, if any. */
const expectedSkip = ({
  row,
  line,
  idColumn,
  statusColumn
}: RenderedRow): Array<[string, number, number, number | undefined]> => {
  switch (row.kind) {
    case "desired":
      return []
    case "informational":
      return [["NoWorkPackageReference", line, idColumn, undefined]]
    case "multiple":
      return [["MultipleWorkPackageReferences", line, idColumn, undefined]]
    case "noBold":
      // An empty cell has no content to point at: the reader points at the cell's own "|".
      return [["NoBoldState", line, row.status === "" ? statusColumn - 2 : statusColumn, row.id]]
    case "unknownState":
      return [["UnknownState", line, statusColumn, row.id]]
  }
}

describe("rendered tracking tables read back", () => {
  test.prop([rows(false), prose, prose, variant])(
    "to the same rows, with their lines and columns",
    (generated, before, after, v) => {
      const table = renderTrackingTable(generated, before, after)
      const result = parseDesiredState(withVariant(table.markdown, v), "plan.md")
      expect(Either.isRight(result)).toBe(true)
      if (Either.isLeft(result)) return
      expect(result.right.tableLine).toBe(table.tableLine)
      expect(result.right.skipped).toEqual([])
      expect(result.right.rows.map((r) => ({ ...r }))).toEqual(
        table.rows.flatMap(({ row, line, statusColumn }) =>
          row.kind === "desired"
            ? [
                {
                  workPackageId: row.id,
                  state: row.state,
                  qualifiers: row.qualifiers,
                  note: row.note,
                  label: row.label,
                  line,
                  column: statusColumn
                }
              ]
            : []
        )
      )
    }
  )

  test.prop([rows(true), prose, prose, variant])(
    "with every skipped row reported at its line, for its reason",
    (generated, before, after, v) => {
      const table = renderTrackingTable(generated, before, after)
      const result = parseDesiredState(withVariant(table.markdown, v), "plan.md")
      if (Either.isLeft(result)) throw new Error(result.left.message)
      expect(result.right.rows.map((r) => [r.line, r.workPackageId])).toEqual(
        table.rows.flatMap(({ row, line }) => (row.kind === "desired" ? [[line, row.id]] : []))
      )
      expect(result.right.skipped.map((s) => [s.reason, s.line, s.column, s.workPackageId])).toEqual(
        table.rows.flatMap(expectedSkip)
      )
    }
  )
})
