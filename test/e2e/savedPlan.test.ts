import { readFileSync, writeFileSync } from "node:fs"
import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { patchStatus } from "../support/sandbox.js"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import { decodePlanOutput, outcomesById } from "./support/outputs.js"
import { lineOfRow, type PlanRow, planDocument } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

// The sandbox's default statuses (the eight canonical states) have fixed ids.
const CLOSED = 6
const ON_HOLD = 7

const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "Closed" },
  { workPackageId: 3, state: "Specified" }
]

describe("reconcile --apply --plan (a saved plan, built CLI against the sandbox)", () => {
  it.scopedLive(
    "does not apply an item that moved since the plan was made: stale; already at the target: unchanged",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario({ rows, sandbox: { workPackages: workPackages(["New", "New", "New"]) } })
        const planFile = `${s.dir}/plan.json`
        const dry = yield* s.reconcile("--dry-run", "--out", planFile)
        expect(dry.code).toBe(0)
        const saved = yield* decodePlanOutput(
          yield* FileSystem.FileSystem.pipe(Effect.flatMap((fs) => fs.readFileString(planFile)))
        )
        expect(saved.changes.map((c) => c.workPackageId)).toEqual([1, 2, 3])

        // Other users, between the plan and its apply: wp#1 moved elsewhere, wp#2 moved to the planned state.
        const wp1 = yield* s.sandbox.workPackage(1)
        const wp2 = yield* s.sandbox.workPackage(2)
        expect((yield* patchStatus(s.sandbox, 1, wp1?.lockVersion, ON_HOLD)).status).toBe(200)
        expect((yield* patchStatus(s.sandbox, 2, wp2?.lockVersion, CLOSED)).status).toBe(200)
        yield* s.sandbox.clearRequestLog

        const run = yield* s.reconcile("--apply", "--plan", planFile, "--format", "json")

        // A stale item leaves OpenProject short of the plan: the run says so with exit 1.
        expect(run.code).toBe(1)
        expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE)
        const outcomes = yield* outcomesById(run.stdout)
        expect(outcomes.get(1)).toBe("stale")
        expect(outcomes.get(2)).toBe("unchanged")
        expect(outcomes.get(3)).toBe("applied")

        const log = yield* s.sandbox.requestLog
        const succeededPatches = (id: number) =>
          log.filter(
            (e) => e.method === "PATCH" && e.path === `/api/v3/work_packages/${id}` && e.status >= 200 && e.status < 300
          )
        expect(succeededPatches(1)).toEqual([])
        expect(succeededPatches(2)).toEqual([])
        expect(succeededPatches(3)).toHaveLength(1)
        expect((yield* s.sandbox.workPackage(1))?.status).toBe("On hold")
        expect((yield* s.sandbox.workPackage(1))?.comments).toEqual([])
        expect((yield* s.sandbox.workPackage(2))?.comments).toEqual([])
        expect((yield* s.sandbox.workPackage(3))?.status).toBe("Specified")
      }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.scopedLive("applies exactly the saved plan when nothing moved, and only those changes", () =>
    Effect.gen(function* () {
      const s = yield* scenario({ rows, sandbox: { workPackages: workPackages(["New", "New", "Specified"]) } })
      const planFile = `${s.dir}/plan.json`
      expect((yield* s.reconcile("--dry-run", "--out", planFile)).code).toBe(0)

      const run = yield* s.reconcile("--apply", "--plan", planFile, "--format", "json")

      expect(run.code).toBe(0)
      const outcomes = yield* outcomesById(run.stdout)
      expect([...outcomes.entries()]).toEqual([
        [1, "applied"],
        [2, "applied"]
      ])
      expect(yield* s.sandbox.countRequests({ method: "PATCH" })).toBe(2)
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("In progress")
      expect((yield* s.sandbox.workPackage(2))?.status).toBe("Closed")
    })
  )
  // Work package numbers belong to one instance: a plan made for another OpenProject is refused.
  it.scopedLive("refuses a saved plan made against another OpenProject, before any write", () =>
    Effect.gen(function* () {
      const seeded = { rows, sandbox: { workPackages: workPackages(["New", "New", "New"]) } }
      const planned = yield* scenario(seeded)
      const other = yield* scenario(seeded)
      const planFile = `${planned.dir}/plan.json`
      expect((yield* planned.reconcile("--dry-run", "--out", planFile)).code).toBe(0)

      const run = yield* runCli(
        ["reconcile", "--source", planned.source, "--apply", "--plan", planFile],
        sandboxEnv(other.sandbox)
      )

      expect(run.code).toBe(1)
      expect(run.stderr).toContain(planned.sandbox.url)
      expect(run.stderr).not.toMatch(STACK_TRACE)
      expect(yield* other.writes).toEqual([])
      expect(yield* planned.writes).toEqual([])
    })
  )

  it.scopedLive("a saved plan edited to target wp#99, which the document never names, writes nothing at all", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: {
          workPackages: [...workPackages(["New", "New", "New"]), { id: 99, subject: "Someone else's", status: "New" }]
        }
      })
      const planFile = `${s.dir}/plan.json`
      expect((yield* s.reconcile("--dry-run", "--out", planFile)).code).toBe(0)
      // By hand: the first change now targets wp#99, same status and lockVersion as the original.
      const edited = JSON.parse(readFileSync(planFile, "utf8"))
      edited.changes[0].workPackageId = 99
      writeFileSync(planFile, JSON.stringify(edited, null, 2))
      yield* s.sandbox.clearRequestLog

      const run = yield* s.reconcile("--apply", "--plan", planFile, "--format", "json")

      expect(run.code).toBe(1)
      expect(run.stdout).toBe("")
      expect(run.stderr).toContain(`the saved plan no longer follows from ${s.source}; nothing was written`)
      expect(run.stderr).toContain(`wp#99: not in ${s.source}`)
      expect(run.stderr).toContain("Make a new plan")
      expect(run.stderr).not.toMatch(STACK_TRACE)
      const log = yield* s.sandbox.requestLog
      expect(log.filter((e) => e.method === "PATCH" || e.method === "POST")).toEqual([])
      expect((yield* s.sandbox.workPackage(99))?.status).toBe("New")
      expect((yield* s.sandbox.workPackage(99))?.comments).toEqual([])
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
    })
  )

  it.scopedLive("a row that now asks for another state refuses the saved plan, naming the line and both states", () =>
    Effect.gen(function* () {
      const s = yield* scenario({ rows, sandbox: { workPackages: workPackages(["New", "New", "New"]) } })
      const planFile = `${s.dir}/plan.json`
      expect((yield* s.reconcile("--dry-run", "--out", planFile)).code).toBe(0)
      writeFileSync(s.source, planDocument([{ workPackageId: 1, state: "Closed" }, ...rows.slice(1)]))
      yield* s.sandbox.clearRequestLog

      const run = yield* s.reconcile("--apply", "--plan", planFile)

      expect(run.code).toBe(1)
      expect(run.stderr).toContain(
        `wp#1: the row at line ${lineOfRow(0)} now asks for Closed, the saved plan says In progress`
      )
      expect(yield* s.writes).toEqual([])
    })
  )

  it.scopedLive("a document whose other lines changed is fine: one line on stderr, the saved plan applied", () =>
    Effect.gen(function* () {
      const s = yield* scenario({ rows, sandbox: { workPackages: workPackages(["New", "New", "New"]) } })
      const planFile = `${s.dir}/plan.json`
      expect((yield* s.reconcile("--dry-run", "--out", planFile)).code).toBe(0)
      writeFileSync(s.source, `${readFileSync(s.source, "utf8")}\nA new paragraph after the table.\n`)

      const run = yield* s.reconcile("--apply", "--plan", planFile, "--format", "json")

      expect(run.code).toBe(0)
      const notices = run.stderr.split("\n").filter((line) => line.includes("has changed since the plan"))
      expect(notices).toHaveLength(1)
      expect(notices[0]).toContain("every saved change still follows from it")
      const outcomes = yield* outcomesById(run.stdout)
      expect([...outcomes.values()]).toEqual(["applied", "applied", "applied"])
    })
  )
})
