import { fc, test } from "@fast-check/vitest"
import { describe, expect } from "vitest"
import { DesiredRow } from "../../src/domain/desired.js"
import { type ObservedState, ObservedWorkPackage, Status } from "../../src/domain/observed.js"
import type { Plan } from "../../src/domain/plan.js"
import { CANONICAL_STATES } from "../../src/domain/states.js"
import { plan } from "../../src/reconcile/planner.js"
import { CREATED_AT, desiredState, OP_URL, SOURCE } from "./plannerFixtures.js"

interface Scenario {
  readonly rows: ReadonlyArray<DesiredRow>
  readonly observed: ObservedState
}

/** A server with some of the canonical statuses (in any spelling) plus names of its own, e.g. "Doing". */
const statusesArb = fc
  .tuple(
    fc.subarray([...CANONICAL_STATES]),
    fc.subarray(["Doing", "Waiting", "Done"]),
    fc.uniqueArray(fc.integer({ min: 1, max: 500 }), { minLength: 11, maxLength: 11 })
  )
  .map(([canonical, extra, ids]) =>
    [...canonical, ...extra].map(
      (name, i) => new Status({ id: ids[i] ?? i, name, isClosed: false, href: `/api/v3/statuses/${ids[i] ?? i}` })
    )
  )

const scenarioArb: fc.Arbitrary<Scenario> = statusesArb.chain((statuses) => {
  const statusArb = statuses.length === 0 ? fc.constant(undefined) : fc.constantFrom(...statuses)
  const wpArb = fc.uniqueArray(
    fc.record({ id: fc.integer({ min: 1, max: 60 }), status: statusArb, lockVersion: fc.nat(20) }),
    { selector: (w) => w.id, maxLength: 40 }
  )
  const rowsArb = fc.uniqueArray(
    fc.record({ workPackageId: fc.integer({ min: 1, max: 80 }), state: fc.constantFrom(...CANONICAL_STATES) }),
    { selector: (r) => r.workPackageId, maxLength: 40 }
  )
  return fc.tuple(wpArb, rowsArb).map(([wps, rows]) => ({
    rows: rows.map((r, i) => new DesiredRow({ ...r, qualifiers: [], note: "", label: "", line: 12 + i, column: 3 })),
    observed: {
      statuses,
      workPackages: new Map(
        wps.flatMap((w) =>
          w.status === undefined
            ? []
            : [
                [
                  w.id,
                  new ObservedWorkPackage({
                    id: w.id,
                    subject: `Story ${w.id}`,
                    lockVersion: w.lockVersion,
                    statusId: w.status.id,
                    statusName: w.status.name
                  })
                ] as const
              ]
        )
      )
    }
  }))
})

const planScenario = (s: Scenario): Plan =>
  plan({
    desired: desiredState(s.rows),
    observed: s.observed,
    source: SOURCE,
    openProjectUrl: OP_URL,
    createdAt: CREATED_AT
  })

/** What the executor would leave behind if every change succeeded: target status, lockVersion bumped. */
const applyAll = (observed: ObservedState, p: Plan): ObservedState => {
  const workPackages = new Map(observed.workPackages)
  for (const c of p.changes) {
    const wp = workPackages.get(c.workPackageId)
    if (wp !== undefined) {
      workPackages.set(
        wp.id,
        new ObservedWorkPackage({ ...wp, statusId: c.toStatusId, statusName: c.to, lockVersion: wp.lockVersion + 1 })
      )
    }
  }
  return { statuses: observed.statuses, workPackages }
}

/** The decisions of a plan, without the server's spelling of status names. */
const decisions = (p: Plan) => ({
  changes: p.changes.map((c) => [c.workPackageId, c.fromStatusId, c.toStatusId, c.lockVersion, c.line]),
  inSync: p.inSync.map((i) => [i.workPackageId, i.line]),
  blocked: p.blocked.map((b) => [b.workPackageId, b.reason, b.line])
})

const respell = (name: string, variant: number): string => {
  const spaced = name.replace(/ /g, variant % 2 === 0 ? "  " : " \t")
  const cased = variant % 3 === 0 ? spaced.toUpperCase() : variant % 3 === 1 ? spaced.toLowerCase() : spaced
  return variant % 4 === 0 ? ` ${cased} ` : cased
}

describe("plan (properties)", () => {
  test.prop([scenarioArb])("every row lands in exactly one of changes, inSync and blocked", (s) => {
    const p = planScenario(s)
    const placed = [
      ...p.changes.map((c) => c.workPackageId),
      ...p.inSync.map((i) => i.workPackageId),
      ...p.blocked.map((b) => b.workPackageId)
    ].sort((a, b) => a - b)
    expect(placed).toEqual(s.rows.map((r) => r.workPackageId).sort((a, b) => a - b))
    expect(p.summary).toMatchObject({ changes: p.changes.length, inSync: p.inSync.length, blocked: p.blocked.length })
  })

  test.prop([scenarioArb])("a change never goes from a status to itself", (s) => {
    for (const c of planScenario(s).changes) {
      expect(c.fromStatusId).not.toBe(c.toStatusId)
      expect(c.from).not.toBe(c.to)
    }
  })

  test.prop([scenarioArb])("applying every change and planning again yields no change (convergence)", (s) => {
    const first = planScenario(s)
    const second = planScenario({ rows: s.rows, observed: applyAll(s.observed, first) })
    expect(second.changes).toEqual([])
    expect(second.inSync).toHaveLength(first.inSync.length + first.changes.length)
    expect(second.blocked).toEqual(first.blocked)
  })

  test.prop([
    scenarioArb.chain((s) =>
      fc
        .shuffledSubarray([...s.rows], { minLength: s.rows.length, maxLength: s.rows.length })
        .map((shuffled) => [s, shuffled] as const)
    )
  ])("the order of the rows does not change the plan", ([s, shuffled]) => {
    expect(planScenario({ rows: shuffled, observed: s.observed })).toEqual(planScenario(s))
  })

  test.prop([scenarioArb, fc.nat(11)])(
    "case and whitespace variations of the server's status names plan identically",
    (s, variant) => {
      const respelled = s.observed.statuses.map((st) => new Status({ ...st, name: respell(st.name, variant) }))
      const nameOf = new Map(respelled.map((st) => [st.id, st.name]))
      const workPackages = new Map(
        [...s.observed.workPackages].map(([id, wp]) => [
          id,
          new ObservedWorkPackage({ ...wp, statusName: nameOf.get(wp.statusId) ?? wp.statusName })
        ])
      )
      const varied = planScenario({ rows: s.rows, observed: { statuses: respelled, workPackages } })
      expect(decisions(varied)).toEqual(decisions(planScenario(s)))
    }
  )
})
