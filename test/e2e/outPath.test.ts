import { readFileSync, symlinkSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli, STACK_TRACE, sandboxEnv } from "./support/cli.js"
import type { PlanRow } from "./support/planDocument.js"
import { PLAN_FILE_NAME, scenario, workPackages } from "./support/scenario.js"

const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "In progress" },
  { workPackageId: 2, state: "Closed" }
]
const seeded = { rows, sandbox: { workPackages: workPackages(["New", "New"]) } }

describe("--out never replaces a file the run reads (built CLI against the sandbox)", () => {
  it.scopedLive(
    "--dry-run --out naming the plan document, in several spellings: exit 1, both paths named, nothing read",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(seeded)
        const before = readFileSync(s.source)
        symlinkSync(s.source, join(s.dir, "link.md"))
        // typed as the user would, from the document's directory
        const spellings = [
          PLAN_FILE_NAME,
          `./${PLAN_FILE_NAME}`,
          `../${s.dir.split("/").at(-1)}/${PLAN_FILE_NAME}`,
          "link.md"
        ]
        for (const out of spellings) {
          for (const mode of ["--dry-run", "--apply"]) {
            const run = yield* runCli(
              ["reconcile", "--source", PLAN_FILE_NAME, mode, "--out", out],
              sandboxEnv(s.sandbox),
              s.dir
            )
            expect(run.code).toBe(1)
            expect(run.stderr).toContain(`--out ${out} would overwrite the plan document ${PLAN_FILE_NAME}`)
            expect(run.stderr).not.toMatch(STACK_TRACE)
            expect(run.stdout).toBe("")
          }
        }
        expect(readFileSync(s.source)).toEqual(before)
        // refused before anything was read from OpenProject
        expect(yield* s.sandbox.requestLog).toEqual([])
      }),
    // eight runs of the CLI in real time, on a machine shared with the rest of the suite
    90_000
  )

  it.scopedLive(
    "--out naming the config file (--config, or op-reconcile.yml found by default): exit 1, both named, nothing read",
    () =>
      Effect.gen(function* () {
        const s = yield* scenario(seeded)
        const config = join(s.dir, "op-reconcile.yml")
        writeFileSync(config, `version: 1\nplans:\n  - source: ${PLAN_FILE_NAME}\n`)
        const before = readFileSync(config)
        const runs = [
          ["reconcile", "--config", "op-reconcile.yml", "--dry-run", "--out", "./op-reconcile.yml"],
          ["reconcile", "--apply", "--out", `../${s.dir.split("/").at(-1)}/op-reconcile.yml`]
        ]
        for (const args of runs) {
          const run = yield* runCli(args, sandboxEnv(s.sandbox), s.dir)
          expect(run.code).toBe(1)
          expect(run.stderr).toContain("would overwrite the config op-reconcile.yml")
          expect(run.stderr).not.toMatch(STACK_TRACE)
          expect(run.stdout).toBe("")
        }
        expect(readFileSync(config)).toEqual(before)
        expect(yield* s.sandbox.requestLog).toEqual([])
        expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
      }),
    60_000
  )

  it.scopedLive("--apply --plan FILE --out FILE (the saved plan itself) is refused before anything is written", () =>
    Effect.gen(function* () {
      const s = yield* scenario(seeded)
      const planFile = join(s.dir, "plan.json")
      expect((yield* s.reconcile("--dry-run", "--out", planFile)).code).toBe(0)
      const saved = readFileSync(planFile)
      yield* s.sandbox.clearRequestLog

      const run = yield* s.reconcile("--apply", "--plan", planFile, "--out", `${s.dir}/./plan.json`)

      expect(run.code).toBe(1)
      expect(run.stderr).toContain(`would overwrite the saved plan ${planFile}`)
      expect(readFileSync(planFile)).toEqual(saved)
      expect(yield* s.sandbox.requestLog).toEqual([])
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
    })
  )

  it.scopedLive("a planted symlink at --out is replaced by the plan, its target untouched", () =>
    Effect.gen(function* () {
      const s = yield* scenario(seeded)
      const victim = join(s.dir, "victim.txt")
      writeFileSync(victim, "someone else's file\n")
      const out = join(s.dir, "plan.json")
      symlinkSync(victim, out)
      const run = yield* s.reconcile("--dry-run", "--out", out)
      expect(run.code).toBe(0)
      expect(readFileSync(victim, "utf8")).toBe("someone else's file\n")
      expect(JSON.parse(readFileSync(out, "utf8")).formatVersion).toBeDefined()
    })
  )
})
