import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { PlanJson } from "../../src/domain/plan.js"
import { plan } from "../../src/reconcile/planner.js"
import { readSavedPlan, SavedPlanInvalid, writeSavedPlan } from "../../src/reconcile/savedPlan.js"
import {
  CANONICAL_STATUSES,
  CREATED_AT,
  desiredState,
  OP_URL,
  observedState,
  row,
  SOURCE,
  STATUS,
  skippedRow,
  workPackage
} from "./plannerFixtures.js"

/** A plan with something in every section: changes, in sync, skipped, blocked (unknown id) and warnings. */
const fullPlan = plan({
  desired: desiredState(
    [row(1, "Specified", 12), row(2, "New", 13), row(3, "In progress", 14), row(404, "Closed", 15)],
    [skippedRow(16, "row 16 has no bold state", 9)]
  ),
  observed: observedState(
    [
      workPackage(1, STATUS.New, 4, "Löwen | <b>pipe</b> @team"),
      workPackage(2, STATUS.New),
      workPackage(3, STATUS.Closed, 9)
    ],
    CANONICAL_STATUSES
  ),
  source: SOURCE,
  openProjectUrl: OP_URL,
  createdAt: CREATED_AT,
  commit: "0123456789abcdef0123456789abcdef01234567"
})

const inTempDir = <A, E>(use: (dir: string) => Effect.Effect<A, E, FileSystem.FileSystem>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    return yield* use(yield* fs.makeTempDirectoryScoped())
  }).pipe(Effect.provide(NodeFileSystem.layer))

describe("saved plans", () => {
  it.scoped("write then read gives back the same plan, and leaves no temporary file behind", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        expect(fullPlan.changes.length).toBe(2)
        expect(fullPlan.blocked.length).toBe(1)
        expect(fullPlan.skipped.length).toBe(1)
        const file = `${dir}/plan.json`
        yield* writeSavedPlan(file, fullPlan)
        expect(yield* readSavedPlan(file)).toStrictEqual(fullPlan)
        const fs = yield* FileSystem.FileSystem
        expect(yield* fs.readDirectory(dir)).toEqual(["plan.json"])
        // people open saved plans: it is the pretty-printed document, ending in a newline
        const text = yield* fs.readFileString(file)
        expect(text.endsWith("}\n")).toBe(true)
        expect(text).toContain('\n  "formatVersion": 2,')
      })
    )
  )

  it.scoped("a corrupted file is SavedPlanInvalid, naming the file and how to make a new plan", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem
        const file = `${dir}/plan.json`
        yield* writeSavedPlan(file, fullPlan)
        const text = yield* fs.readFileString(file)
        yield* fs.writeFileString(file, text.slice(0, text.length / 2))
        const error = yield* Effect.flip(readSavedPlan(file))
        expect(error).toBeInstanceOf(SavedPlanInvalid)
        expect(error.file).toBe(file)
        expect(error.message).toContain(file)
        expect(error.message).toContain("--dry-run --out")
        expect(error.reason).toContain("JSON")
      })
    )
  )

  it.scoped("a plan of another format version, or with a change missing its precondition, is refused", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem
        const encoded = JSON.parse(Schema.encodeSync(PlanJson)(fullPlan))
        const future = `${dir}/future.json`
        yield* fs.writeFileString(future, JSON.stringify({ ...encoded, formatVersion: 3 }))
        const tooNew = yield* Effect.flip(readSavedPlan(future))
        expect(tooNew.file).toBe(future)
        expect(tooNew.reason).toBe(
          "formatVersion: format version 3 is not one this op-reconcile reads (1, 2); make and apply the plan with the same op-reconcile release"
        )

        const [first, ...rest] = encoded.changes
        const { lockVersion: _dropped, ...withoutLock } = first
        const edited = `${dir}/edited.json`
        yield* fs.writeFileString(edited, JSON.stringify({ ...encoded, changes: [withoutLock, ...rest] }))
        const broken = yield* Effect.flip(readSavedPlan(edited))
        expect(broken.file).toBe(edited)
        expect(broken.reason).toBe("changes.0.lockVersion: is missing")
      })
    )
  )

  it.scoped("a plan saved by release 1 (one source for the whole plan) is read, every item naming that plan", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem
        const { sources, config: _config, ...encoded } = JSON.parse(Schema.encodeSync(PlanJson)(fullPlan))
        const strip = (items: ReadonlyArray<Record<string, unknown>>) =>
          items.map(({ source: _source, ...rest }) => rest)
        const v1 = {
          ...encoded,
          formatVersion: 1,
          source: sources[0],
          changes: strip(encoded.changes),
          drift: strip(encoded.drift),
          inSync: strip(encoded.inSync),
          skipped: strip(encoded.skipped),
          blocked: strip(encoded.blocked)
        }
        const file = `${dir}/v1.json`
        yield* fs.writeFileString(file, JSON.stringify(v1))
        const read = yield* readSavedPlan(file)
        expect(read).toStrictEqual(fullPlan)
        expect(read.changes.map((c) => c.source)).toEqual([SOURCE.path, SOURCE.path])
      })
    )
  )

  it.scoped("a missing file is SavedPlanInvalid too, not a crash", () =>
    inTempDir((dir) =>
      Effect.gen(function* () {
        const error = yield* Effect.flip(readSavedPlan(`${dir}/nope.json`))
        expect(error.file).toBe(`${dir}/nope.json`)
        expect(error.reason).toContain("cannot read it")
      })
    )
  )
})
