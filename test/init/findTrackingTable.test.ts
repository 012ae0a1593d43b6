import { FileSystem } from "@effect/platform"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect } from "effect"
import { DEFAULT_TABLE_SPEC } from "../../src/desired/TableSpec.js"
import { findTrackingTable } from "../../src/init/findTrackingTable.js"

/** How `init` finds a plan's tracking table, and refuses to guess when several tables could be it. */

const tempPlan = (text: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped({ prefix: "op-reconcile-init-table-" })
    yield* fs.writeFileString(`${dir}/PLAN.md`, text)
    return `${dir}/PLAN.md`
  })

const RUNBOOK_TABLE = (id: number, state: string) => [
  "| Track | Phase | GH issue / OP wp | Status |",
  "| --- | --- | --- | --- |",
  `| T | P | wp#${id} | **${state}** |`
]

const TEAM_TABLE = (id: number, state: string) => [
  "| Story | Owner | OP | State |",
  "| --- | --- | --- | --- |",
  `| S | Pat | wp#${id} | **${state}** |`
]

const TWO_RUNBOOK_TABLES = [
  "# Plan",
  "## §10 Status",
  ...RUNBOOK_TABLE(1, "New"),
  "",
  "## §13 Sibling mission",
  ...RUNBOOK_TABLE(2, "Closed"),
  ""
].join("\n")

describe("init's tracking table", () => {
  it.scoped("reads the runbook's table, and otherwise the table whose rows name wp#NN next to a bold word", () =>
    Effect.gen(function* () {
      const runbook = yield* tempPlan(["# Plan", ...RUNBOOK_TABLE(1, "New"), ""].join("\n"))
      expect((yield* findTrackingTable(runbook, DEFAULT_TABLE_SPEC)).spec).toEqual(DEFAULT_TABLE_SPEC)
      const team = yield* tempPlan(
        ["| Name | Value |", "| --- | --- |", "| a | b |", "", ...TEAM_TABLE(4, "Done"), ""].join("\n")
      )
      const found = yield* findTrackingTable(team, DEFAULT_TABLE_SPEC)
      expect(found.spec).toEqual({ columns: ["Story", "Owner", "OP", "State"], idColumn: "OP", statusColumn: "State" })
      expect(found.desired.skipped.map((s) => s.word)).toEqual(["Done"])
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("refuses two tables of the tracking header, naming both with their headings and how to choose", () =>
    Effect.gen(function* () {
      const path = yield* tempPlan(TWO_RUNBOOK_TABLES)
      const error = yield* Effect.flip(findTrackingTable(path, DEFAULT_TABLE_SPEC))
      expect(error._tag).toBe("InitTableAmbiguous")
      expect(error.message).toContain(`${path}: 2 tables have the tracking header`)
      expect(error.message).toContain("init will not guess which one is the plan")
      expect(error.message).toContain(`${path}:3  under "## §10 Status"`)
      expect(error.message).toContain(`${path}:8  under "## §13 Sibling mission"`)
      expect(error.message).toContain(`Choose one with --under TEXT`)
      expect(error.message).toContain(`op-reconcile init --source ${path} --under "§10 Status"`)
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("with --under, reads the table under that heading and keeps under: for the config", () =>
    Effect.gen(function* () {
      const path = yield* tempPlan(TWO_RUNBOOK_TABLES)
      const found = yield* findTrackingTable(path, DEFAULT_TABLE_SPEC, "§13")
      expect(found.spec).toEqual({ ...DEFAULT_TABLE_SPEC, under: "§13" })
      expect(found.desired.rows.map((r) => r.workPackageId)).toEqual([2])
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("keeps no under: for a plan whose table is the only one, even with --under", () =>
    Effect.gen(function* () {
      const path = yield* tempPlan(["# Plan", ...RUNBOOK_TABLE(1, "New"), ""].join("\n"))
      expect((yield* findTrackingTable(path, DEFAULT_TABLE_SPEC, "§13")).spec).toEqual(DEFAULT_TABLE_SPEC)
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("refuses two found tables of another header too, rather than taking the first", () =>
    Effect.gen(function* () {
      const path = yield* tempPlan(
        ["## Team A", ...TEAM_TABLE(3, "Done"), "", "## Team B", ...TEAM_TABLE(4, "New"), ""].join("\n")
      )
      const error = yield* Effect.flip(findTrackingTable(path, DEFAULT_TABLE_SPEC))
      expect(error._tag).toBe("InitTableAmbiguous")
      expect(error.message).toContain("2 tables have the tracking header | Story | Owner | OP | State |")
      const chosen = yield* findTrackingTable(path, DEFAULT_TABLE_SPEC, "team b")
      expect(chosen.spec).toEqual({
        columns: ["Story", "Owner", "OP", "State"],
        idColumn: "OP",
        statusColumn: "State",
        under: "team b"
      })
      expect(chosen.desired.rows.map((r) => r.workPackageId)).toEqual([4])
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("says when the headings cannot tell the tables apart, and what to do then", () =>
    Effect.gen(function* () {
      const path = yield* tempPlan(
        ["## Status", ...RUNBOOK_TABLE(1, "New"), "", "Later:", "", ...RUNBOOK_TABLE(2, "New"), ""].join("\n")
      )
      const error = yield* Effect.flip(findTrackingTable(path, DEFAULT_TABLE_SPEC))
      expect(error.message).toContain("Their headings do not tell them apart")
      expect(error.message).toContain("rename a column in the header of each table that is not the plan")
      const still = yield* Effect.flip(findTrackingTable(path, DEFAULT_TABLE_SPEC, "Status"))
      expect(still.message).toContain('under a heading containing "Status"')
    }).pipe(Effect.provide(NodeContext.layer))
  )

  it.scoped("prefers a found header that reads rows over two same-header tables that do not", () =>
    Effect.gen(function* () {
      const path = yield* tempPlan(
        [
          "| Key | Value |",
          "| --- | --- |",
          "| a | b |",
          "",
          "| Key | Value |",
          "| --- | --- |",
          "| c | d |",
          "",
          ...TEAM_TABLE(5, "New"),
          ""
        ].join("\n")
      )
      const found = yield* findTrackingTable(path, DEFAULT_TABLE_SPEC)
      expect(found.spec.columns).toEqual(["Story", "Owner", "OP", "State"])
    }).pipe(Effect.provide(NodeContext.layer))
  )
})
