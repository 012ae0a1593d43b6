import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { parseDesiredState } from "../../src/desired/parseDesiredState.js"
import { DEFAULT_TABLE_SPEC } from "../../src/desired/TableSpec.js"
import { makeVocabulary } from "../../src/domain/vocabulary.js"

const table = (...statuses: ReadonlyArray<string>) =>
  [
    "| Track | Phase | GH issue / OP wp | Status |",
    "| --- | --- | --- | --- |",
    ...statuses.map((s, i) => `| T${i} | P | wp#${i + 1} | ${s} |`),
    ""
  ].join("\n")

const read = (text: string, vocabulary = makeVocabulary()) => {
  const result = parseDesiredState(text, "PLAN.md", DEFAULT_TABLE_SPEC, vocabulary)
  if (Either.isLeft(result)) throw new Error(result.left.message)
  return result.right
}

describe("the reader's vocabulary", () => {
  it("accepts the config's words besides the runbook's eight, without regard to case or spacing", () => {
    const desired = read(
      table("**Done**", "**in   REVIEW** — note", "**Closed**"),
      makeVocabulary({ states: [{ Done: "Closed" }, { "In review": "In testing" }] })
    )
    expect(desired.rows.map((r) => [r.workPackageId, r.state, r.note])).toEqual([
      [1, "Done", ""],
      [2, "In review", "note"],
      [3, "Closed", ""]
    ])
  })

  it("lists the config's words in the skip message of an unknown one", () => {
    const desired = read(table("**Blocked**"), makeVocabulary({ states: [{ Done: "Closed" }] }))
    expect(desired.skipped[0]?.message).toBe(
      "wp#1: **Blocked** is not a state; did you mean **On hold**? Use one of Backlog, New, Specified, In progress, In testing, Closed, On hold, Rejected, Done " +
        "(qualifiers ABANDONED, LOCKED, KEEP_AVAILABLE may follow)"
    )
  })

  it("takes the configured qualifiers, and only them", () => {
    const vocabulary = makeVocabulary({ qualifiers: ["wontfix"] })
    const desired = read(table("**Closed WONTFIX**", "**Closed ABANDONED**", "**Closed** WONTFIX — why"), vocabulary)
    expect(desired.rows.map((r) => [r.state, r.qualifiers, r.note])).toEqual([
      ["Closed", ["WONTFIX"], ""],
      ["Closed", ["WONTFIX"], "why"]
    ])
    expect(desired.skipped.map((s) => s.message)).toEqual([
      "wp#2: **Closed ABANDONED** is not a state; use one of Backlog, New, Specified, In progress, In testing, Closed, On hold, Rejected (qualifiers WONTFIX may follow)"
    ])
  })

  it("with no qualifiers configured, reads every bold word as the state", () => {
    const desired = read(table("**Closed LOCKED**", "**Closed** LOCKED"), makeVocabulary({ qualifiers: [] }))
    expect(desired.rows.map((r) => [r.state, r.qualifiers, r.note])).toEqual([["Closed", [], "LOCKED"]])
  })
})
