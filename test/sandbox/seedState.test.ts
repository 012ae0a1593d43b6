import { describe, expect, it } from "@effect/vitest"
import { fc, it as prop } from "@fast-check/vitest"
import { Effect, Either, Schema } from "effect"
import { DesiredRow, DesiredState, SkippedRow } from "../../src/domain/desired.js"
import { CANONICAL_STATES } from "../../src/domain/states.js"
import { SandboxStateJson, seedFromPlan } from "../../src/sandbox/seedState.js"
import { at, call, startSandbox } from "../support/sandbox.js"

const plan = (count: number) =>
  new DesiredState({
    file: "PLAN.md",
    tableLine: 3,
    rows: Array.from(
      { length: count },
      (_, i) =>
        new DesiredRow({
          workPackageId: 100 + i,
          state: CANONICAL_STATES[i % CANONICAL_STATES.length] ?? "New",
          qualifiers: [],
          note: "",
          label: `Track ${i}`,
          line: 5 + i,
          column: 1
        })
    ),
    skipped: [
      new SkippedRow({ reason: "NoBoldState", message: "no bold state", line: 99, column: 1, workPackageId: 999 })
    ]
  })

/** What the plan asks for, with the skipped row's work package at New (as the seed creates it). */
const desiredOf = (state: DesiredState) =>
  new Map<number, string>([...state.rows.map((r): [number, string] => [r.workPackageId, r.state]), [999, "New"]])

describe("seedFromPlan", () => {
  it("one work package per row, subject from the label; skipped rows with a work package exist as New", () => {
    const seeds = seedFromPlan(plan(3), { driftShare: 0, seed: 1 })
    expect(seeds).toEqual([
      { id: 100, subject: "Track 0", status: "Backlog" },
      { id: 101, subject: "Track 1", status: "New" },
      { id: 102, subject: "Track 2", status: "Specified" },
      { id: 999, subject: "Work package 999", status: "New" }
    ])
  })

  it("the same seed drifts the same work packages to the same statuses; another seed differs", () => {
    const a = seedFromPlan(plan(40), { driftShare: 0.25, seed: 7 })
    expect(seedFromPlan(plan(40), { driftShare: 0.25, seed: 7 })).toEqual(a)
    expect(seedFromPlan(plan(40), { driftShare: 0.25, seed: 8 })).not.toEqual(a)
  })

  prop.prop([fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer()])(
    "exactly round(share × work packages) drift, each to another canonical state",
    (count, share, seed) => {
      const desired = plan(count)
      const seeds = seedFromPlan(desired, { driftShare: share, seed })
      const wanted = desiredOf(desired)
      expect(seeds.map((s) => s.id)).toEqual([...wanted.keys()].sort((a, b) => a - b))
      const drifted = seeds.filter((s) => wanted.get(s.id) !== s.status)
      expect(drifted.length).toBe(Math.round(share * seeds.length))
      for (const s of seeds) expect(CANONICAL_STATES).toContain(s.status)
    }
  )
})

describe("sandbox state file", () => {
  it("decodes a state file and refuses one without work packages", () => {
    const text = JSON.stringify({
      statuses: [
        { id: 1, name: "New", isClosed: false },
        { id: 2, name: "Doing", isClosed: false }
      ],
      workPackages: [{ id: 1, subject: "One", status: "Doing", type: "Bug" }],
      forbiddenTransitions: [{ from: "Doing", to: "New" }]
    })
    const decoded = Schema.decodeUnknownEither(SandboxStateJson)(text)
    expect(Either.isRight(decoded)).toBe(true)
    expect(Either.isLeft(Schema.decodeUnknownEither(SandboxStateJson)('{"statuses":[]}'))).toBe(true)
  })

  it.scoped("a decoded state file starts a sandbox with its own statuses", () =>
    Effect.gen(function* () {
      const state = yield* Schema.decodeUnknown(SandboxStateJson)(
        JSON.stringify({
          statuses: [
            { id: 3, name: "Doing", isClosed: false },
            { id: 9, name: "Done", isClosed: true }
          ],
          workPackages: [{ id: 1, subject: "One", status: "Done" }]
        })
      )
      const sb = yield* startSandbox({ apiKey: "k", ...state })
      const statuses = yield* call(sb, "/api/v3/statuses")
      expect(at(statuses.json, "total")).toBe(2)
      expect(yield* sb.workPackage(1)).toMatchObject({ status: "Done", statusId: 9 })
    })
  )
})
