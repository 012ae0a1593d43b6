import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { runCli, sandboxEnv } from "./support/cli.js"
import { planDocument } from "./support/planDocument.js"
import { API_KEY, formCallsFor } from "./support/scenario.js"

/**
 * `routes:` in op-reconcile.yml (README, "OpenProject's workflow: the check and routes"): the same routes
 * as `--route`, for every type or per type, checked at their line before anything is read from OpenProject.
 */

// A Task may go New → In progress → Closed, but not New → Closed directly; a Bug only through On hold.
const types = [
  { name: "Task", transitions: { New: ["In progress"], "In progress": ["Closed"] } },
  { name: "Bug", transitions: { New: ["On hold"], "On hold": ["Closed"] } }
]

const files = (contents: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped({ prefix: "op-reconcile-e2e-routes-" })
    for (const [name, text] of Object.entries(contents)) yield* fs.writeFileString(`${dir}/${name}`, text)
    return dir
  }).pipe(Effect.provide(NodeFileSystem.layer))

const Report = Schema.parseJson(
  Schema.Struct({
    results: Schema.Array(
      Schema.Struct({
        workPackageId: Schema.Number,
        outcome: Schema.String,
        route: Schema.optional(Schema.Array(Schema.String))
      })
    )
  })
)

describe("routes: in op-reconcile.yml (built CLI against the sandbox)", () => {
  it.scopedLive("routes each refused change through its type's route, in one apply with one comment each", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        types,
        workPackages: [
          { id: 1, subject: "A task", status: "New", type: "Task" },
          { id: 2, subject: "A bug", status: "New", type: "Bug" }
        ]
      })
      const dir = yield* files({
        "op-reconcile.yml": [
          "version: 1",
          "routes:",
          '  "New -> Closed": [In progress]',
          "  Bug:",
          '    "New -> Closed": [On hold]',
          "plans:",
          "  - source: PLAN.md",
          ""
        ].join("\n"),
        "PLAN.md": planDocument([
          { workPackageId: 1, state: "Closed" },
          { workPackageId: 2, state: "Closed" }
        ])
      })
      const config = `${dir}/op-reconcile.yml`
      const env = sandboxEnv(sandbox)
      const dry = yield* runCli(["reconcile", "--config", config], env)
      expect(dry.code).toBe(0)
      expect(dry.stdout).toMatch(/^~ wp#1\s+New → In progress → Closed\s/m)
      expect(dry.stdout).toMatch(/^~ wp#2\s+New → On hold → Closed\s/m)
      expect((yield* sandbox.requestLog).filter((e) => e.method === "PATCH")).toEqual([])

      const applied = yield* runCli(["reconcile", "--config", config, "--apply", "--format", "json"], env)
      expect(applied.code).toBe(0)
      const report = yield* Schema.decodeUnknown(Report)(applied.stdout)
      expect(report.results.map((r) => [r.workPackageId, r.outcome, r.route])).toEqual([
        [1, "applied", ["In progress", "Closed"]],
        [2, "applied", ["On hold", "Closed"]]
      ])
      for (const id of [1, 2]) {
        const wp = yield* sandbox.workPackage(id)
        expect(wp?.status).toBe("Closed")
        expect(wp?.comments).toHaveLength(1)
      }

      yield* sandbox.clearRequestLog
      const again = yield* runCli(["reconcile", "--config", config, "--apply"], env)
      expect(again.code).toBe(0)
      const log = yield* sandbox.requestLog
      expect(log.filter((e) => e.method === "PATCH" || e.path.endsWith("/activities"))).toEqual([])
      expect(formCallsFor(log)).toEqual([])
    })
  )

  it.scopedLive("a route that cannot mean anything is reported at its line; nothing is read from OpenProject", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({ apiKey: API_KEY, workPackages: [] })
      const dir = yield* files({
        "op-reconcile.yml": [
          "version: 1",
          "routes:",
          '  "New -> Closed": [In progress]',
          '  "Closed to New": [In progress]',
          "plans:",
          "  - source: PLAN.md",
          ""
        ].join("\n"),
        "PLAN.md": planDocument([{ workPackageId: 1, state: "Closed" }])
      })
      for (const args of [["reconcile"], ["validate"]]) {
        const run = yield* runCli([...args, "--config", `${dir}/op-reconcile.yml`], sandboxEnv(sandbox))
        expect(run.code).toBe(1)
        expect(run.stderr).toContain(
          `op-reconcile.yml:4:20: routes: "Closed to New": the key is not of the form "From -> To"`
        )
      }
      expect(yield* sandbox.requestLog).toEqual([])
    })
  )

  it.scopedLive("a 422 without a route names the config line that would route it", () =>
    Effect.gen(function* () {
      const sandbox = yield* startSandbox({
        apiKey: API_KEY,
        types,
        workPackages: [{ id: 1, subject: "A task", status: "New", type: "Task" }]
      })
      const dir = yield* files({
        "team.yml": "version: 1\nplans:\n  - source: PLAN.md\n",
        "PLAN.md": planDocument([{ workPackageId: 1, state: "Closed" }])
      })
      const run = yield* runCli(["reconcile", "--config", `${dir}/team.yml`, "--apply"], sandboxEnv(sandbox))
      expect(run.code).toBe(1)
      expect(run.stdout).toContain("From New OpenProject allows: In progress.")
      expect(run.stdout).toContain('routes: { "New -> Closed": [In progress] }')
      expect((yield* sandbox.workPackage(1))?.status).toBe("New")
    })
  )
})
