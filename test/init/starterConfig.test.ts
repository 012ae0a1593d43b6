import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { parseConfig } from "../../src/config/parseConfig.js"
import { DEFAULT_TABLE_SPEC } from "../../src/desired/TableSpec.js"
import { matchStatuses } from "../../src/init/matchStatuses.js"
import { starterConfig } from "../../src/init/starterConfig.js"

const GERMAN = ["Neu", "In Bearbeitung", "Erledigt", "new"]
const TEAM_TABLE = { columns: ["Story", "Owner", "OP", "State"], idColumn: "OP", statusColumn: "State" }

describe("init's status matching", () => {
  it("matches exactly first, then without regard to case or spacing, and leaves the rest unmatched", () => {
    expect(matchStatuses(["Neu", "in  bearbeitung", "New", "Closed", "Neu"], GERMAN)).toEqual([
      { _tag: "Matched", word: "Neu", status: "Neu", how: "exact" },
      { _tag: "Matched", word: "in  bearbeitung", status: "In Bearbeitung", how: "case" },
      { _tag: "Matched", word: "New", status: "new", how: "case" },
      { _tag: "Unmatched", word: "Closed" }
    ])
  })
})

describe("init's starter config", () => {
  const text = starterConfig({
    openProjectUrl: "https://op.example.de",
    plans: [
      { source: "F1_PLAN.md", table: DEFAULT_TABLE_SPEC },
      { source: "missions/CVN.md", table: TEAM_TABLE }
    ],
    matches: matchStatuses(["New", "neu", "Closed"], GERMAN),
    statusNames: GERMAN
  })

  it("is a config op-reconcile reads: the url, the matched words as states:, each plan with its own table", () => {
    const parsed = parseConfig(text, "op-reconcile.yml")
    expect(Either.isRight(parsed)).toBe(true)
    if (Either.isLeft(parsed)) return
    expect(parsed.right.config).toEqual({
      version: 1,
      openproject: { url: "https://op.example.de" },
      states: { New: "new", neu: "Neu" },
      plans: [
        { source: "F1_PLAN.md" },
        {
          source: "missions/CVN.md",
          table: { header: TEAM_TABLE.columns, workPackageColumn: "OP", statusColumn: "State" }
        }
      ]
    })
  })

  it("leaves each word it could not match as a commented line that says so and lists the server's statuses", () => {
    const line = text.split("\n").find((l) => l.includes("Closed"))
    expect(line).toBe(
      "#   Closed: ???   # no status of this name on https://op.example.de; map it to one of: Neu, In Bearbeitung, Erledigt, new"
    )
  })

  it("comments out states: itself when nothing matched, so that the file still reads", () => {
    const none = starterConfig({
      openProjectUrl: "https://op.example.de",
      plans: [{ source: "PLAN.md", table: DEFAULT_TABLE_SPEC }],
      matches: matchStatuses(["Backlog"], GERMAN),
      statusNames: GERMAN
    })
    expect(none).toContain("\n# states:\n#   Backlog: ???")
    const parsed = parseConfig(none, "op-reconcile.yml")
    expect(Either.isRight(parsed) && parsed.right.config.states).toBeUndefined()
  })

  // Words and status names come from a plan and a server: quotes, colons, hashes, newlines must not break it.
  const hostile = fc.string({
    unit: fc.constantFrom("a", "B", " ", ":", "#", "'", '"', "\n", "-", "ä", "[", "{", "&", "*")
  })
  test.prop([fc.array(hostile, { maxLength: 6 }), fc.array(hostile, { maxLength: 6 }), hostile])(
    "always reads back as a config whose states: are exactly the matches, whatever the words and statuses",
    (words, statuses, source) => {
      const matches = matchStatuses(words, statuses)
      const out = starterConfig({
        openProjectUrl: "https://op.example.de",
        plans: [{ source: source.trim() === "" ? "PLAN.md" : source, table: DEFAULT_TABLE_SPEC }],
        matches,
        statusNames: statuses
      })
      const parsed = parseConfig(out, "op-reconcile.yml")
      expect(Either.isRight(parsed)).toBe(true)
      if (Either.isLeft(parsed)) return
      const expected = Object.fromEntries(matches.flatMap((m) => (m._tag === "Matched" ? [[m.word, m.status]] : [])))
      expect(parsed.right.config.states ?? {}).toEqual(expected)
    }
  )
})
