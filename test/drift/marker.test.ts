import { fc, test } from "@fast-check/vitest"
import { describe, expect, it } from "vitest"
import { AppliedMarker, encodeMarker, markersIn, marksChange } from "../../src/drift/marker.js"

const marker = (over: Partial<ConstructorParameters<typeof AppliedMarker>[0]> = {}) =>
  new AppliedMarker({
    wp: 43,
    lockVersion: 8,
    fromId: 5,
    from: "In testing",
    toId: 4,
    to: "In progress",
    source: "docs/F1_BUY_BOOST_PLAN.md",
    line: 79,
    commit: "0123abc",
    ...over
  })

/** What OpenProject's sanitizer does to the rendered comment (Sanitize drops HTML comments). */
const renderedText = (raw: string) => raw.replace(/<!--[\s\S]*?-->/g, "")

const markerFields = fc.record({
  wp: fc.integer({ min: 1, max: 1_000_000 }),
  lockVersion: fc.nat(),
  fromId: fc.nat(),
  from: fc.string({ unit: "binary" }),
  toId: fc.nat(),
  to: fc.string({ unit: "binary" }),
  source: fc.string({ unit: "binary" }),
  line: fc.nat(),
  commit: fc.option(fc.string(), { nil: undefined })
})

describe("the last-applied marker in the audit comment", () => {
  it("is one HTML comment, versioned, with the state op-reconcile set, the plan's file and line, and the commit", () => {
    const text = encodeMarker(marker())
    expect(text.startsWith("<!-- op-reconcile:v2 {")).toBe(true)
    expect(text.endsWith("} -->")).toBe(true)
    expect(text).toContain('"toId":4')
    expect(text).toContain('"commit":"0123abc"')
    expect(renderedText(`Status changed.\n${text}`)).toBe("Status changed.\n")
    expect(markersIn(`Status changed.\n${text}`)).toEqual([{ version: 2, wp: 43, lockVersion: 8, applied: marker() }])
  })

  it("keeps hostile paths and status names inside: no `-->`, no line break, nothing outside printable ASCII", () => {
    const hostile = marker({ source: "a --> b\n<!-- op-reconcile:v2 {} -->", to: "Done -->\u202e<script>", from: "-" })
    const text = encodeMarker(hostile)
    expect(text.indexOf("-->")).toBe(text.length - 3)
    expect(text).not.toMatch(/[^\x20-\x7e]/)
    expect(markersIn(text)).toEqual([{ version: 2, wp: 43, lockVersion: 8, applied: hostile }])
  })

  test.prop([markerFields])("round-trips any field values, and hides them all from the rendered comment", (fields) => {
    const m = new AppliedMarker(fields)
    const comment = `Status changed by op-reconcile.\n${encodeMarker(m)}`
    expect(markersIn(comment)).toEqual([{ version: 2, wp: m.wp, lockVersion: m.lockVersion, applied: m }])
    expect(renderedText(comment)).toBe("Status changed by op-reconcile.\n")
  })

  it("still recognises version 1 markers, with the status from the comment's first line when it is there", () => {
    const v1 =
      "Status changed from **New** to **In progress** by op-reconcile, because the plan asks for it:\n" +
      "plan.md, line 12.\n<!-- op-reconcile:wp43:v7 -->"
    expect(markersIn(v1)).toEqual([{ version: 1, wp: 43, lockVersion: 7, toName: "In progress" }])
    expect(markersIn("edited by hand\n<!-- op-reconcile:wp43:v7 -->")).toEqual([
      { version: 1, wp: 43, lockVersion: 7, toName: undefined }
    ])
    expect(marksChange(v1, 43, 7)).toBe(true)
    expect(marksChange(v1, 43, 8)).toBe(false)
    expect(marksChange(v1, 44, 7)).toBe(false)
  })

  it("knows the change it marks, in either version; a marker that does not decode is not one", () => {
    const text = encodeMarker(marker())
    expect(marksChange(`x\n${text}`, 43, 8)).toBe(true)
    expect(marksChange(`x\n${text}`, 43, 9)).toBe(false)
    expect(markersIn('<!-- op-reconcile:v2 {"wp":43} -->')).toEqual([])
    expect(markersIn('<!-- op-reconcile:v2 {"wp":-1,"lockVersion":1} -->')).toEqual([])
  })
})
