import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { parseConfig } from "../../src/config/parseConfig.js"

/** The problems as the user sees them: `LINE:COLUMN: message`. */
const problems = (text: string): ReadonlyArray<string> => {
  const result = parseConfig(text, "op-reconcile.yml")
  if (Either.isRight(result)) throw new Error(`expected the config to be refused:\n${text}`)
  return result.left.problems.map((p) => `${p.line}:${p.column}: ${p.message}`)
}

const config = (text: string) => {
  const result = parseConfig(text, "op-reconcile.yml")
  if (Either.isLeft(result)) throw new Error(result.left.message)
  return result.right
}

describe("parseConfig", () => {
  it("decodes the config of the README, every key", () => {
    const parsed = config(
      [
        "version: 1",
        "openproject:",
        "  url: https://openproject.example.com",
        "states:",
        "  New: Neu",
        "  In progress: In Bearbeitung",
        "qualifiers: [ABANDONED, LOCKED]",
        "maxChanges: 10",
        "selfHeal: false",
        "plans:",
        "  - source: documentation/F1_BUY_BOOST_PLAN.md",
        "  - source: docs/*.md",
        "    table:",
        "      header: [Story, Owner, OP, State]",
        "      workPackageColumn: OP",
        "      statusColumn: State",
        '      under: "§13"',
        "    states: { Done: Closed }",
        ""
      ].join("\n")
    )
    expect(parsed.config).toEqual({
      version: 1,
      openproject: { url: "https://openproject.example.com" },
      states: { New: "Neu", "In progress": "In Bearbeitung" },
      qualifiers: ["ABANDONED", "LOCKED"],
      maxChanges: 10,
      selfHeal: false,
      plans: [
        { source: "documentation/F1_BUY_BOOST_PLAN.md" },
        {
          source: "docs/*.md",
          table: {
            header: ["Story", "Owner", "OP", "State"],
            workPackageColumn: "OP",
            statusColumn: "State",
            under: "§13"
          },
          states: { Done: "Closed" }
        }
      ]
    })
    expect(parsed.positionOf(["plans", 1, "source"])).toEqual({ line: 12, column: 13 })
  })

  it("names the closest known key for a typo, at the typo's line (and not also the key it meant as missing)", () => {
    expect(problems("version: 1\nplan:\n  - source: a.md\n")).toEqual([
      "2:1: unknown key `plan:`; did you mean `plans:`?"
    ])
    expect(problems("version: 1\nplans:\n  - source: a.md\n    tabel: {}\n")).toEqual([
      "4:5: unknown key `tabel:` in plans[0]; did you mean `table:`?"
    ])
    expect(problems("version: 1\nplans:\n  - source: a.md\n    table:\n      headr: [A]\n")).toEqual([
      "5:7: unknown key `headr:` in plans[0].table; did you mean `header:`?"
    ])
    expect(problems("version: 1\nopenproject:\n  uri: https://x\nplans: [{ source: a.md }]\n")).toEqual([
      "3:3: unknown key `uri:` in openproject; did you mean `url:`?"
    ])
    expect(problems("version: 1\nMaxChanges: 3\nplans: [{ source: a.md }]\n")).toEqual([
      "2:1: unknown key `MaxChanges:`; did you mean `maxChanges:`?"
    ])
  })

  it("lists the keys when nothing known is close", () => {
    expect(problems("version: 1\nplans: [{ source: a.md }]\ncolour: red\n")).toEqual([
      "3:1: unknown key `colour:`; the keys here are: version, openproject, states, qualifiers, routes, maxChanges, selfHeal, plans"
    ])
  })

  it("refuses a version other than 1, and a missing one", () => {
    expect(problems("version: 2\nplans: [{ source: a.md }]\n")).toEqual([
      "1:10: version: expected version: 1 (the only config format so far)"
    ])
    expect(problems('version: "1"\nplans: [{ source: a.md }]\n')).toEqual([
      "1:10: version: expected version: 1 (the only config format so far)"
    ])
    expect(problems("plans: [{ source: a.md }]\n")).toEqual([
      "1:1: missing key `version:` (add `version: 1` at the top)"
    ])
  })

  it("refuses an empty plans list and a missing one", () => {
    expect(problems("version: 1\nplans: []\n")).toEqual([
      "2:8: plans: expected at least one plan: plans is empty (e.g. `plans: [{ source: docs/PLAN.md }]`)"
    ])
    expect(problems("version: 1\nplans:\n")).toEqual([
      "2:7: plans: expected a list of plans, e.g. `plans: [{ source: docs/PLAN.md }]`"
    ])
    expect(problems("version: 1\n")).toEqual(["1:1: missing key `plans:`"])
  })

  it("refuses wrong types, each at its value", () => {
    expect(
      problems(
        [
          "version: 1",
          "maxChanges: -1",
          "qualifiers: LOCKED",
          "states:",
          "  Done: 3",
          "openproject: https://x",
          "plans:",
          "  - source: 5",
          "    table:",
          "      header: Story",
          "      under: []",
          "  - Plan.md",
          "  - {}",
          ""
        ].join("\n")
      )
    ).toEqual([
      "2:13: maxChanges: expected a whole number of 0 or more",
      "3:13: qualifiers: expected a list of words, e.g. [ABANDONED, LOCKED, KEEP_AVAILABLE]",
      "5:9: states.Done: expected an OpenProject status name (text)",
      "6:14: openproject: expected a map with url",
      "8:13: plans[0].source: expected a path or a glob such as docs/missions/*.md (text)",
      "10:15: plans[0].table.header: expected a list of column names, e.g. [Story, Owner, OP, State]",
      "11:14: plans[0].table.under: expected heading text (text)",
      "12:5: plans[1]: expected a plan, e.g. { source: docs/PLAN.md }",
      "13:5: missing key `source:` in plans[2]"
    ])
    expect(problems("version: 1\nmaxChanges: 2.5\nplans: [{ source: a.md }]\n")).toEqual([
      "2:13: maxChanges: expected a whole number of 0 or more"
    ])
    expect(problems("version: 1\nplans: [{ source: a.md, table: { header: [] } }]\n")).toEqual([
      "2:42: plans[0].table.header: expected at least one column name, e.g. [Story, Owner, OP, State]"
    ])
    expect(problems("version: 1\nselfHeal: no\nplans: [{ source: a.md }]\n")).toEqual([
      "2:11: selfHeal: expected true or false"
    ])
    expect(problems("version: 1\nselfheal: false\nplans: [{ source: a.md }]\n")).toEqual([
      "2:1: unknown key `selfheal:`; did you mean `selfHeal:`?"
    ])
    expect(problems("version: 1\nplans: [{ source: '' }]\n")).toEqual([
      "2:19: plans[0].source: expected a path or a glob such as docs/missions/*.md (text)"
    ])
  })

  it("refuses a document that is not a map, an empty one, YAML syntax errors and duplicate keys", () => {
    expect(problems("- a\n- b\n")).toEqual([
      "1:1: the config: expected a map of settings starting with `version: 1` and `plans:`"
    ])
    expect(problems("")).toEqual(["1:1: the config is empty: start with `version: 1` and `plans:`"])
    expect(problems("# only a comment\n")).toEqual(["1:1: the config is empty: start with `version: 1` and `plans:`"])
    expect(problems("version: 1\nplans: [\n")[0]).toMatch(/^3:1: not valid YAML: /)
    expect(problems("version: 1\nversion: 1\nplans: [{ source: a.md }]\n")).toEqual([
      "2:1: not valid YAML: Map keys must be unique"
    ])
  })

  it("reports every problem at once, in file order, each with the file name in the message", () => {
    const result = parseConfig("version: 3\nplan: []\nmaxChanges: x\n", "team/op-reconcile.yml")
    expect(Either.isLeft(result) && result.left.message.split("\n").slice(0, 3)).toEqual([
      "team/op-reconcile.yml:1:10: version: expected version: 1 (the only config format so far)",
      "team/op-reconcile.yml:2:1: unknown key `plan:`; did you mean `plans:`?",
      "team/op-reconcile.yml:3:13: maxChanges: expected a whole number of 0 or more"
    ])
  })
  it("decodes routes: for every type and per type, and refuses a value that is not a list of statuses, at its line", () => {
    const parsed = config(
      'version: 1\nroutes:\n  "New -> Closed": [In progress]\n  Task:\n    "New -> Rejected": [On hold]\nplans: [{ source: a.md }]\n'
    )
    expect(parsed.config.routes).toEqual({ "New -> Closed": ["In progress"], Task: { "New -> Rejected": ["On hold"] } })
    const inConfig = (routes: string) => `version: 1\nroutes:\n${routes}\nplans: [{ source: a.md }]\n`
    expect(problems(inConfig('  "New -> Closed": In progress'))).toEqual([
      `3:20: routes.New -> Closed: expected a list of statuses to pass through, e.g. [In progress], or a type's routes, e.g. { "New -> Closed": [In progress] }`
    ])
    expect(problems(inConfig('  "New -> Closed": []'))).toEqual([
      "3:20: routes.New -> Closed: expected at least one status to pass through, e.g. [In progress]"
    ])
    expect(problems(inConfig('  "New -> Closed": [In progress, 3]'))).toEqual([
      "3:20: routes.New -> Closed: expected status names (text), not 3"
    ])
    expect(problems(inConfig('  Task:\n    "New -> Closed": x'))).toEqual([
      '4:5: routes.Task: "New -> Closed": expected a list of statuses to pass through, e.g. [In progress]'
    ])
    expect(problems("version: 1\nroutes: [New, Closed]\nplans: [{ source: a.md }]\n")).toEqual([
      '2:9: routes: expected a map of routes, e.g. { "New -> Closed": [In progress] }'
    ])
    expect(problems("version: 1\nroute: {}\nplans: [{ source: a.md }]\n")).toEqual([
      "2:1: unknown key `route:`; did you mean `routes:`?"
    ])
  })
})
