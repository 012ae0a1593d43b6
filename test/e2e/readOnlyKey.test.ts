import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { runCli } from "./support/cli.js"
import type { PlanRow } from "./support/planDocument.js"
import { scenario, workPackages } from "./support/scenario.js"

/**
 * The pull-request workflow plans with a read-only key (README, "Use it in GitHub Actions"): a dry-run only
 * reads, so it works with the token of a user who may only view work packages, and that token cannot write.
 */

const READ_ONLY_KEY = "e2e-read-only-key-7c1d"
const rows: ReadonlyArray<PlanRow> = [
  { workPackageId: 1, state: "Closed" },
  { workPackageId: 2, state: "In progress" }
]

describe("a read-only OpenProject key (built CLI against the sandbox)", () => {
  it.scopedLive("plans a dry-run, and an apply with it writes nothing", () =>
    Effect.gen(function* () {
      const s = yield* scenario({
        rows,
        sandbox: {
          workPackages: workPackages(["New", "New"]),
          users: [{ name: "Plan Reader", apiKey: READ_ONLY_KEY, readOnly: true }]
        }
      })
      const env = { OPENPROJECT_URL: s.sandbox.url, OPENPROJECT_API_KEY: READ_ONLY_KEY }

      const plan = yield* runCli(["reconcile", "--source", s.source, "--format", "json"], env)
      expect(plan.code).toBe(0)
      expect((JSON.parse(plan.stdout) as { summary: { changes: number } }).summary.changes).toBe(2)
      expect((yield* runCli(["status", "--source", s.source], env)).code).toBe(0)

      const apply = yield* runCli(["reconcile", "--source", s.source, "--apply"], env)
      expect(apply.code).toBe(1)
      expect(`${apply.stdout}${apply.stderr}`).toContain("lacks the permission for this (403)")
      expect((yield* s.writes).filter((w) => w.status >= 200 && w.status < 300)).toEqual([])
      expect((yield* s.sandbox.workPackage(1))?.status).toBe("New")
    })
  )
})
