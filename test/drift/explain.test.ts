import { describe, expect, it } from "vitest"
import { ago, causeBreakdown, causePhrase, driftPhrase } from "../../src/drift/explain.js"

const NOW = "2026-12-01T12:00:00.000Z"

describe("putting causes into words", () => {
  it("says how long ago, from the plan's own time", () => {
    expect(ago("2026-12-01T11:59:30Z", NOW)).toBe("just now")
    expect(ago("2026-12-01T11:48:00Z", NOW)).toBe("12 min ago")
    expect(ago("2026-12-01T10:00:00Z", NOW)).toBe("2h ago")
    expect(ago("2026-11-28T12:00:00Z", NOW)).toBe("3 days ago")
    expect(ago("not a time", NOW)).toBeUndefined()
  })

  it("names the edit a change reverts, and what a change follows", () => {
    const edit = { changedBy: "Pat Operator", changedAt: "2026-12-01T10:00:00Z" }
    expect(causePhrase({ cause: "edited-in-openproject", ...edit }, NOW)).toBe(
      "reverts an edit by Pat Operator, 2h ago"
    )
    expect(causePhrase({ cause: "edited-in-openproject" }, NOW)).toBe("reverts an edit")
    expect(causePhrase({ cause: "both-changed", ...edit }, NOW)).toBe(
      "plan changed, and so did OpenProject by Pat Operator, 2h ago: follows the plan"
    )
    expect(causePhrase({ cause: "plan-changed" }, NOW)).toBe("plan changed")
    expect(causePhrase({ cause: "first-sync" }, NOW)).toBe("first sync")
    expect(causePhrase({}, NOW)).toBeUndefined()
    expect(driftPhrase({ cause: "edited-in-openproject", ...edit }, NOW)).toBe(
      "edited by Pat Operator, 2h ago; left as it is (self-heal off)"
    )
  })

  it("breaks a mass change down by cause, naming the people and the time span of the edits", () => {
    const edits = Array.from({ length: 48 }, (_, i) => ({
      cause: "edited-in-openproject" as const,
      changedBy: "Pat Operator",
      changedAt: `2026-12-01T10:0${2 + (i % 4)}:00Z`
    }))
    const planChanges = [{ cause: "plan-changed" as const }, { cause: "plan-changed" as const }]
    expect(causeBreakdown([...edits, ...planChanges])).toBe(
      "48 of 50 revert edits by Pat Operator between 10:02 and 10:05 UTC; 2 are plan changes"
    )
    expect(
      causeBreakdown([
        { cause: "edited-in-openproject", changedBy: "Ann", changedAt: "2026-11-30T23:58:00Z" },
        { cause: "edited-in-openproject", changedBy: "Bob", changedAt: "2026-12-01T00:03:00Z" },
        { cause: "edited-in-openproject", changedBy: "Bob", changedAt: "2026-12-01T00:01:00Z" },
        { cause: "first-sync" }
      ])
    ).toBe(
      "3 of 4 revert edits by Bob (2) and Ann (1) between 2026-11-30 23:58 and 2026-12-01 00:03 UTC; 1 is a first sync"
    )
    expect(causeBreakdown([{}, {}])).toBe("")
  })
})
