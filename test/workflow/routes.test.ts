import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { routesOfConfig } from "../../src/config/configRoutes.js"
import { parseConfig } from "../../src/config/parseConfig.js"
import {
  makeRouteTable,
  parseRouteFlag,
  preferring,
  routeConfigLineFor,
  routeFlagFor,
  routeFromConfigEntry
} from "../../src/workflow/routes.js"

const problem = <A>(result: Either.Either<A, { readonly message: string }>) =>
  Either.match(result, { onLeft: (e) => e.message, onRight: () => "no problem" })

describe("--route parsing", () => {
  it("reads From->To=Via, with spaces and several statuses to pass through", () => {
    expect(parseRouteFlag("New->Closed=In progress")).toEqual(
      Either.right({ from: "New", to: "Closed", via: ["In progress"] })
    )
    expect(parseRouteFlag("  New  ->  Closed = In  progress , In testing ")).toEqual(
      Either.right({ from: "New", to: "Closed", via: ["In progress", "In testing"] })
    )
  })

  it.each([
    ["New-Closed=In progress", 'it is not of the form "From->To=Via"'],
    ["New->Closed", 'it is not of the form "From->To=Via"'],
    ["New->Closed=", "a status to pass through is empty"],
    ["->Closed=In progress", "both the status it starts from and the one it ends at are needed"],
    ["New->new=In progress", 'it starts and ends at "New"'],
    ["New->Closed=In progress,new", "it passes through the same status twice"],
    ["New->Closed=In progress,,On hold", "a status to pass through is empty"]
  ])("%s is refused: %s, with the form to write it in", (flag, expected) => {
    const message = problem(parseRouteFlag(flag))
    expect(message).toContain(`--route ${JSON.stringify(flag)}: ${expected}`)
    expect(message).toContain('e.g. --route "New->Closed=In progress"')
  })

  test.prop([fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z ]{0,12}[A-Za-z]$/), { minLength: 3, maxLength: 5 })])(
    "what routeFlagFor writes, parseRouteFlag reads back",
    (names) => {
      const unique = [...new Map(names.map((n) => [n.replace(/\s+/g, " ").toLowerCase(), n])).values()]
      fc.pre(unique.length >= 3)
      const [from = "", to = "", ...via] = unique
      const flag = routeFlagFor(from, to, via)
      const parsed = parseRouteFlag(JSON.parse(flag.slice("--route ".length)))
      expect(parsed).toEqual(
        Either.right({
          from: from.replace(/\s+/g, " "),
          to: to.replace(/\s+/g, " "),
          via: via.map((v) => v.replace(/\s+/g, " "))
        })
      )
    }
  )
})

describe("routes: in the config", () => {
  it("reads routes for every type and per type", () => {
    const at = () => ({ line: 1, column: 1 })
    const { routes, problems } = routesOfConfig(
      { "New -> Closed": ["In progress"], Bug: { "New -> Closed": ["In progress", "In testing"] } },
      at
    )
    expect(problems).toEqual([])
    expect(routes).toEqual([
      { from: "New", to: "Closed", via: ["In progress"] },
      { from: "New", to: "Closed", via: ["In progress", "In testing"], type: "Bug" }
    ])
  })

  it("names the key it cannot read", () => {
    expect(problem(routeFromConfigEntry("New to Closed", ["In progress"]))).toContain(
      'routes: "New to Closed": the key is not of the form "From -> To"'
    )
    expect(problem(routeFromConfigEntry("New -> Closed", [], "Task"))).toContain(
      'routes: Task: "New -> Closed": it names no status to pass through'
    )
  })

  it("the config line the remedies print is one the config reads", () => {
    expect(routeConfigLineFor("New", "Closed", ["In progress"])).toBe('routes: { "New -> Closed": [In progress] }')
  })

  test.prop([
    fc.array(
      fc.oneof(
        fc.constantFrom("New", "In progress", "Closed", "In Bearbeitung", "true", "null", "42", "a: b", "x, y", "[z]"),
        fc.string({ minLength: 1, maxLength: 12 }).filter((t) => t.trim() !== "" && !t.includes("->"))
      ),
      { minLength: 3, maxLength: 4 }
    )
  ])("any remedy line, pasted into a config, reads back as the same route", (names) => {
    const [from = "", to = "", ...via] = names.map((n) => n.trim().replace(/\s+/g, " "))
    fc.pre(new Set([from, to, ...via].map((n) => n.toLowerCase().replace(/\s+/g, ""))).size === names.length)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a control character cannot be on one line
    fc.pre(!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test([from, to, ...via].join("")))
    const line = routeConfigLineFor(from, to, via)
    const parsed = parseConfig(`version: 1\n${line}\nplans: [{ source: a.md }]\n`, "op-reconcile.yml")
    if (Either.isLeft(parsed)) throw new Error(`${line}\n${parsed.left.message}`)
    const read = routesOfConfig(parsed.right.config.routes, parsed.right.positionOf)
    expect(read.problems).toEqual([])
    expect(read.routes).toEqual([{ from, to, via }])
  })
})

describe("the route table", () => {
  it("a --route wins over the config's route for the same transition; the config's others stay", () => {
    const flags = Either.getOrThrow(makeRouteTable([{ from: "New", to: "Closed", via: ["On hold"] }]))
    const config = Either.getOrThrow(
      makeRouteTable([
        { from: "New", to: "Closed", via: ["In progress"] },
        { from: "New", to: "Rejected", via: ["On hold"] }
      ])
    )
    const table = preferring(flags, config)
    expect(table.lookup("New", "Closed")?.via).toEqual(["On hold"])
    expect(table.lookup("New", "Rejected")?.via).toEqual(["On hold"])
  })

  it("looks routes up without regard to case or spacing; a type's own route wins", () => {
    const table = Either.getOrThrow(
      makeRouteTable([
        { from: "New", to: "Closed", via: ["In progress"] },
        { from: "New", to: "Closed", via: ["In testing"], type: "Bug" }
      ])
    )
    expect(table.lookup("new", " closed ")?.via).toEqual(["In progress"])
    expect(table.lookup("New", "Closed", "Task")?.via).toEqual(["In progress"])
    expect(table.lookup("New", "Closed", "bug")?.via).toEqual(["In testing"])
    expect(table.lookup("Closed", "New")).toBeUndefined()
  })

  it("the same transition routed two ways is an error; the same route twice is fine", () => {
    const route = { from: "New", to: "Closed", via: ["In progress"] }
    expect(Either.isRight(makeRouteTable([route, route]))).toBe(true)
    expect(problem(makeRouteTable([route, { ...route, via: ["On hold"] }]))).toContain(
      "it is given twice, through In progress and through On hold"
    )
  })
})
