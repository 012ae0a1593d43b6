import { FileSystem, Path } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { ConfigInvalid, ConfigUnreadable } from "../../src/config/errors.js"
import { loadConfig } from "../../src/config/loadConfig.js"
import { statusNameFor, wordOf } from "../../src/domain/vocabulary.js"

/** A fresh directory holding `files` (path → content); returns its path. */
const tree = (files: Readonly<Record<string, string>>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const dir = yield* fs.makeTempDirectoryScoped()
    for (const [name, content] of Object.entries(files)) {
      yield* fs.makeDirectory(path.dirname(path.join(dir, name)), { recursive: true })
      yield* fs.writeFileString(path.join(dir, name), content)
    }
    return dir
  })

const problemsOf = (error: unknown) =>
  error instanceof ConfigInvalid ? error.problems.map((p) => `${p.line}:${p.column}: ${p.message}`) : [String(error)]

describe("loadConfig", () => {
  it.scoped("resolves sources relative to the config's directory, expands globs in path order, merges states", () =>
    Effect.gen(function* () {
      const dir = yield* tree({
        "team/op-reconcile.yml": [
          "version: 1",
          "openproject: { url: https://op.example.com }",
          "maxChanges: 7",
          "states: { Closed: Erledigt, In progress: In Bearbeitung }",
          "plans:",
          "  - source: PLAN.md",
          "  - source: missions/*.md",
          "    table: { header: [Story, OP, State], workPackageColumn: OP, statusColumn: State, under: §13 }",
          "    states: { Closed: Geschlossen, Done: Erledigt }",
          ""
        ].join("\n"),
        "team/PLAN.md": "",
        "team/missions/b.md": "",
        "team/missions/a.md": "",
        "team/missions/.draft.md": "",
        "team/missions/notes.txt": ""
      })
      const config = yield* loadConfig(`${dir}/team/op-reconcile.yml`)
      expect(config.openProjectUrl).toBe("https://op.example.com")
      expect(config.maxChanges).toBe(7)
      expect(config.sha256).toMatch(/^[0-9a-f]{64}$/)
      expect(config.plans.map((p) => [p.source, p.path])).toEqual([
        ["PLAN.md", `${dir}/team/PLAN.md`],
        ["missions/a.md", `${dir}/team/missions/a.md`],
        ["missions/b.md", `${dir}/team/missions/b.md`]
      ])
      const [first, second] = config.plans
      expect(second?.table).toEqual({
        columns: ["Story", "OP", "State"],
        idColumn: "OP",
        statusColumn: "State",
        under: "§13"
      })
      expect(first && statusNameFor(first.vocabulary, "closed")).toBe("Erledigt")
      expect(first && wordOf(first.vocabulary, "done")).toBeUndefined()
      // A plan's own states win over the top-level ones, and add words.
      expect(second && statusNameFor(second.vocabulary, "Closed")).toBe("Geschlossen")
      expect(second && statusNameFor(second.vocabulary, "In progress")).toBe("In Bearbeitung")
      expect(second && wordOf(second.vocabulary, "DONE")).toBe("Done")
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("reports a missing source and a glob that matches nothing, each at its line, together", () =>
    Effect.gen(function* () {
      const dir = yield* tree({
        "op-reconcile.yml":
          "version: 1\nplans:\n  - source: PLAN.md\n  - source: gone.md\n  - source: docs/*.md\n  - source: docs\n",
        "PLAN.md": "",
        "docs/notes.txt": ""
      })
      const error = yield* Effect.flip(loadConfig(`${dir}/op-reconcile.yml`))
      expect(problemsOf(error)).toEqual([
        "4:13: the plan gone.md cannot be read: no such file (paths are relative to the config's directory)",
        `5:13: the glob docs/*.md matches no file (relative to ${dir}/)`,
        "6:13: the plan docs cannot be read: it is a directory (use a glob such as dir/*.md) (paths are relative to the config's directory)"
      ])
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("reports a table whose columns are not in its header at the table, in the config's terms", () =>
    Effect.gen(function* () {
      const dir = yield* tree({
        "op-reconcile.yml":
          "version: 1\nplans:\n  - source: PLAN.md\n    table:\n      header: [A, B]\n      statusColumn: B\n",
        "PLAN.md": ""
      })
      const error = yield* Effect.flip(loadConfig(`${dir}/op-reconcile.yml`))
      expect(problemsOf(error)).toEqual([
        '5:7: plans[0].table: the work package column "GH issue / OP wp" is not in the header | A | B |: set workPackageColumn'
      ])
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("says how to start when the default config is missing", () =>
    Effect.gen(function* () {
      const dir = yield* tree({})
      const error = yield* Effect.flip(loadConfig(`${dir}/op-reconcile.yml`, { defaulted: true }))
      expect(error).toBeInstanceOf(ConfigUnreadable)
      expect(error.message).toContain("Pass --source PLAN.md (one plan) or --config FILE")
      const typed = yield* Effect.flip(loadConfig(`${dir}/other.yml`))
      expect(typed.message).toContain("Check the --config path")
    }).pipe(Effect.provide(NodeContext.layer))
  )
  it.scoped("reports every route that cannot mean anything at its line, together with the other problems", () =>
    Effect.gen(function* () {
      const dir = yield* tree({
        "op-reconcile.yml": [
          "version: 1",
          "routes:",
          '  "New to Closed": [In progress]',
          "  Task:",
          '    "New -> New": [In progress]',
          '  "New -> Closed": [In progress]',
          '  "new->closed": [On hold]',
          '  "Closed -> New": [In progress, Closed]',
          "plans:",
          "  - source: MISSING.md",
          ""
        ].join("\n")
      })
      const error = yield* Effect.flip(loadConfig(`${dir}/op-reconcile.yml`))
      const shape =
        'write a route as "From -> To": [Via, …] with OpenProject\'s status names, e.g. "New -> Closed": [In progress], or under a type\'s name for that type only'
      expect(problemsOf(error)).toEqual([
        `3:20: routes: "New to Closed": the key is not of the form "From -> To"; ${shape}`,
        `5:19: routes: Task: "New -> New": it starts and ends at "New"; ${shape}`,
        "7:18: the route new -> closed: it is given twice, through In progress and through On hold; keep one of them",
        `8:20: routes: "Closed -> New": it passes through the same status twice; ${shape}`,
        expect.stringMatching(/^10:13: the plan MISSING\.md cannot be read/)
      ])
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("hands the run its routes, per type where written so", () =>
    Effect.gen(function* () {
      const dir = yield* tree({
        "op-reconcile.yml":
          'version: 1\nroutes:\n  "New -> Closed": [In progress]\n  Bug: { "New -> Closed": [In progress, In testing] }\nplans: [{ source: PLAN.md }]\n',
        "PLAN.md": ""
      })
      const config = yield* loadConfig(`${dir}/op-reconcile.yml`)
      expect(config.routes).toEqual([
        { from: "New", to: "Closed", via: ["In progress"] },
        { from: "New", to: "Closed", via: ["In progress", "In testing"], type: "Bug" }
      ])
    }).pipe(Effect.provide(NodeContext.layer))
  )
})
