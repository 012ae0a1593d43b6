import { fc, test } from "@fast-check/vitest"
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { Status } from "../../src/domain/observed.js"
import { PlannedChange } from "../../src/domain/plan.js"
import { verdictFor } from "../../src/workflow/checkVerdict.js"
import { emptyRouteTable, makeRouteTable } from "../../src/workflow/routes.js"

const NAMES = ["New", "In progress", "On hold", "In testing", "Closed", "Rejected"]
const statuses = NAMES.map(
  (name, i) => new Status({ id: i + 1, name, isClosed: false, href: `/api/v3/statuses/${i + 1}` })
)
const statusByName = (name: string) => statuses.find((s) => s.name.toLowerCase() === name.toLowerCase())

const change = new PlannedChange({
  workPackageId: 43,
  subject: "S",
  from: "New",
  fromStatusId: 1,
  to: "Closed",
  toStatusId: 5,
  toStatusHref: "/api/v3/statuses/5",
  lockVersion: 3,
  source: "PLAN.md",
  line: 10,
  column: 20
})
const REFUSED =
  "Status is invalid because no valid transition exists from old to new status for the current user's roles."
const routes = Either.getOrThrow(makeRouteTable([{ from: "New", to: "Closed", via: ["in progress"] }]))

describe("what a change becomes after the form answered", () => {
  it("allowed: check allowed, no route even when one is configured", () => {
    const { change: checked } = verdictFor(change, { allowed: NAMES }, { routes, statusByName })
    expect(checked.check).toEqual({ result: "allowed" })
    expect(checked.route).toBeUndefined()
  })

  it("refused without a route: OpenProject's message and the allowed statuses", () => {
    const { change: checked } = verdictFor(
      change,
      { refusal: REFUSED, allowed: ["New", "In progress"] },
      { routes: emptyRouteTable, statusByName }
    )
    expect(checked.check).toEqual({ result: "refused", message: REFUSED, allowed: ["New", "In progress"] })
  })

  it("refused with a route: planned as its hops in the server's spelling, checked on the first hop", () => {
    const { change: routed } = verdictFor(
      change,
      { refusal: REFUSED, allowed: ["New", "In progress"] },
      { routes, statusByName }
    )
    expect(routed.route).toEqual(["In progress", "Closed"])
    expect(routed.check).toEqual({ result: "allowed" })
    const { change: firstHopRefused } = verdictFor(
      change,
      { refusal: REFUSED, allowed: ["New"] },
      { routes, statusByName }
    )
    expect(firstHopRefused.route).toEqual(["In progress", "Closed"])
    expect(firstHopRefused.check).toMatchObject({ result: "refused", allowed: ["New"] })
  })

  it("a route through a status the server does not have is not used, with a warning", () => {
    const typo = Either.getOrThrow(makeRouteTable([{ from: "New", to: "Closed", via: ["Doing"] }]))
    const { change: checked, warnings } = verdictFor(
      change,
      { refusal: REFUSED, allowed: ["New"] },
      { routes: typo, statusByName }
    )
    expect(checked.route).toBeUndefined()
    expect(checked.check?.result).toBe("refused")
    expect(warnings[0]).toContain('passes through "Doing", which this OpenProject does not have')
  })

  test.prop([fc.boolean(), fc.subarray(NAMES), fc.boolean()])(
    "a route is planned exactly when the direct change is refused and a route exists; its last hop is the target",
    (refused, allowed, withRoute) => {
      const { change: checked } = verdictFor(
        change,
        { ...(refused ? { refusal: REFUSED } : {}), allowed },
        { routes: withRoute ? routes : emptyRouteTable, statusByName }
      )
      expect(checked.route !== undefined).toBe(refused && withRoute)
      if (checked.route !== undefined) expect(checked.route[checked.route.length - 1]).toBe(change.to)
      const firstHopAllowed = allowed.includes("In progress")
      const expected = !refused || (withRoute && firstHopAllowed) ? "allowed" : "refused"
      expect(checked.check?.result).toBe(expected)
      // what was planned otherwise is untouched
      expect({ ...checked, check: undefined, route: undefined }).toEqual({
        ...change,
        check: undefined,
        route: undefined
      })
    }
  )
})
