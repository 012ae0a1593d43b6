import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { suggestState } from "../../src/desired/nearMiss/stateSuggestion.js"
import { suggestWorkPackage } from "../../src/desired/nearMiss/workPackageSuggestion.js"
import { parseDesiredState } from "../../src/desired/parseDesiredState.js"
import { CANONICAL_STATES } from "../../src/domain/states.js"
import { DEFAULT_VOCABULARY, makeVocabulary } from "../../src/domain/vocabulary.js"

const table = (id: string, status: string) =>
  ["| Track | Phase | GH issue / OP wp | Status |", "| - | - | - | - |", `| t | p | ${id} | ${status} |`, ""].join("\n")

const skippedOf = (id: string, status: string) => {
  const read = parseDesiredState(table(id, status), "PLAN.md")
  if (Either.isLeft(read)) throw new Error(read.left.message)
  return read.right.skipped
}

describe("a bold word that is not a state: did you mean", () => {
  it.each([
    ["in-progress", "In progress"],
    ["In_Progress", "In progress"],
    ["ON-HOLD", "On hold"],
    ["In progress:", "In progress"],
    ["Done", "Closed"],
    ["done", "Closed"],
    ["WIP", "In progress"],
    ["Blocked", "On hold"],
    ["Cancelled", "Rejected"],
    ["In progres", "In progress"],
    ["Clsoed", "Closed"],
    ["Specfied", "Specified"]
  ])("**%s** → %s", (bold, meant) => {
    expect(suggestState(bold, DEFAULT_VOCABULARY)).toBe(meant)
  })

  it.each(["Operator managed", "Thursday", "xyz", "?"])("no suggestion for **%s**", (bold) => {
    expect(suggestState(bold, DEFAULT_VOCABULARY)).toBeUndefined()
  })

  it("suggests a config's own words, as the config spells them", () => {
    const german = makeVocabulary({ states: [{ "In Bearbeitung": "In Bearbeitung" }] })
    expect(suggestState("in-bearbeitung", german)).toBe("In Bearbeitung")
  })

  test.prop([fc.constantFrom(...CANONICAL_STATES), fc.constantFrom("-", "_", " - ", ".", "/"), fc.boolean()])(
    "a state written with other separators or case is suggested as that state",
    (state, separator, upper) => {
      const written = state.split(" ").join(separator)
      const bold = upper ? written.toUpperCase() : written
      const suggested = suggestState(bold, DEFAULT_VOCABULARY)
      // A one-word state written in another case is the state itself: the reader takes it, no suggestion.
      if (state.split(" ").length === 1) expect(suggested).toBeUndefined()
      else expect(suggested).toBe(state)
    }
  )

  test.prop([fc.string({ maxLength: 40 })])("a suggestion is always a word of the vocabulary", (bold) => {
    const suggested = suggestState(bold, DEFAULT_VOCABULARY)
    if (suggested !== undefined) expect(CANONICAL_STATES as ReadonlyArray<string>).toContain(suggested)
  })

  it("the reader's warning says it, and records the suggestion", () => {
    const [skip] = skippedOf("OP wp#7", "**in-progress** — started")
    expect(skip?.reason).toBe("UnknownState")
    expect(skip?.suggestion).toBe("In progress")
    expect(skip?.message).toContain("wp#7: **in-progress** is not a state; did you mean **In progress**?")
  })
})

describe("a work package not written as wp#NN: did you mean", () => {
  it.each([
    ["#43", [], 43],
    ["OP #43", [], 43],
    ["wp 43", [], 43],
    ["WP-43", [], 43],
    ["Story", ["https://op.example.com/work_packages/43"], 43],
    ["#43", ["https://op.example.com/projects/x/work_packages/43/activity"], 43]
  ] as const)("%s (links %j) → wp#%d", (text, urls, id) => {
    expect(suggestWorkPackage(text, urls)).toBe(id)
  })

  it.each([
    ["weekly sync", []],
    ["GH #811", []],
    ["issue #12", []],
    ["#4 and #5", []],
    ["&#42;", []],
    ["[OP]", ["https://x/wp#4"]],
    ["docs", ["https://github.com/o/r/issues/43"]]
  ] as const)("no suggestion for %s (links %j)", (text, urls) => {
    expect(suggestWorkPackage(text, urls)).toBeUndefined()
  })

  test.prop([fc.integer({ min: 1, max: 999_999_999 }), fc.constantFrom("#", "wp ", "WP-", "wp_")])(
    "any number written as #NN or wp NN is suggested as wp#NN",
    (id, prefix) => {
      expect(suggestWorkPackage(`OP ${prefix}${id}`, [])).toBe(id)
    }
  )

  test.prop([fc.integer({ min: 1, max: 999_999_999 }), fc.string({ maxLength: 20 })])(
    "a link to a work package's page is suggested whatever its text",
    (id, text) => {
      const noOther = !/#\d|wp[\s\-_]?\d/i.test(text)
      if (noOther) expect(suggestWorkPackage(text, [`https://op.example.com/work_packages/${id}`])).toBe(id)
    }
  )

  it.each([
    ["[#43](https://op.example.com/work_packages/43)", 43],
    ["[Story](https://op.example.com/work_packages/44)", 44],
    ["OP #45", 45]
  ])("the reader skips %s with a warning that says wp#%d", (cell, id) => {
    const [skip] = skippedOf(cell, "**New**")
    expect(skip?.reason).toBe("NoWorkPackageReference")
    expect(skip?.suggestion).toBe(`wp#${id}`)
    expect(skip?.message).toContain(`did you mean wp#${id}?`)
  })

  it("an informational row without any number gets no suggestion", () => {
    const [skip] = skippedOf("weekly sync", "Thursdays")
    expect(skip?.suggestion).toBeUndefined()
    expect(skip?.message).toContain("informational row, not synced")
  })
})
