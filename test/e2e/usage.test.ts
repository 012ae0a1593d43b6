import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli, STACK_TRACE } from "./support/cli.js"
import { API_KEY, scenario, workPackages } from "./support/scenario.js"

const oneRow = { rows: [{ workPackageId: 1, state: "Closed" }], sandbox: { workPackages: workPackages(["New"]) } }

describe("usage errors and unsafe settings (built CLI)", () => {
  for (const [what, args, said] of [
    ["--apply with --dry-run", ["--apply", "--dry-run"], "--apply and --dry-run"],
    ["--plan without --apply", ["--plan", "plan.json"], "--plan"],
    ["an unknown flag", ["--frobnicate"], "--frobnicate"],
    ["an unknown format", ["--format", "yaml"], "text, markdown or json"],
    ["a burst of 0", ["--burst", "0"], "--burst must be 1 or more"]
  ] as const) {
    it.scopedLive(`${what}: non-zero exit, a message, no stack trace, no request`, () =>
      Effect.gen(function* () {
        const s = yield* scenario(oneRow)
        const run = yield* s.reconcile(...args)

        expect(run.code).not.toBe(0)
        expect(run.stderr).toContain(said)
        expect(`${run.stdout}${run.stderr}`).not.toMatch(STACK_TRACE)
        expect(yield* s.sandbox.requestLog).toEqual([])
      })
    )
  }

  it.live("a missing OPENPROJECT_URL is named with what to set", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["reconcile", "--source", "examples/F1_BUY_BOOST_PLAN.md"])

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("OPENPROJECT_URL")
      expect(run.stderr).not.toMatch(STACK_TRACE)
    })
  )

  it.live("a remote http:// URL is refused before any connection: https is required", () =>
    Effect.gen(function* () {
      const run = yield* runCli(["reconcile", "--source", "examples/F1_BUY_BOOST_PLAN.md"], {
        OPENPROJECT_URL: "http://openproject.example.com",
        OPENPROJECT_API_KEY: API_KEY
      })

      expect(run.code).toBe(1)
      expect(run.stderr).toContain("https://")
      expect(run.stderr).not.toContain(API_KEY)
      expect(run.stderr).not.toMatch(STACK_TRACE)
    })
  )

  it.scopedLive("a negative --max-changes is a usage error, before any request", () =>
    Effect.gen(function* () {
      const s = yield* scenario(oneRow)
      const run = yield* s.reconcile("--apply", "--max-changes", "-1")

      expect(run.code).not.toBe(0)
      expect(run.stderr).toContain("--max-changes")
      expect(run.stderr).not.toMatch(STACK_TRACE)
      expect(yield* s.sandbox.requestLog).toEqual([])
    })
  )
})
