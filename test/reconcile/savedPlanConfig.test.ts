import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { PlanSource } from "../../src/domain/plan.js"
import { checkSavedConfig, recordedPlans } from "../../src/reconcile/savedPlanConfig.js"

const CONFIG = new PlanSource({ path: "ops/op-reconcile.yml", sha256: "a".repeat(64) })
const PLAN = new PlanSource({ path: "PLAN.md", sha256: "b".repeat(64) })

describe("a saved plan's config", () => {
  it("a plan of a config is applied by a run of the same config; an edit to it is only noticed", () => {
    expect(checkSavedConfig({ config: CONFIG, sources: [PLAN] }, CONFIG)).toEqual({ _tag: "Same" })
    expect(
      checkSavedConfig({ config: CONFIG, sources: [PLAN] }, { path: "./ops/op-reconcile.yml", sha256: CONFIG.sha256 })
    ).toEqual({
      _tag: "Same"
    })
    expect(checkSavedConfig({ config: CONFIG, sources: [PLAN] }, { ...CONFIG, sha256: "c".repeat(64) })).toEqual({
      _tag: "Changed"
    })
    expect(checkSavedConfig({ sources: [PLAN] }, undefined)).toEqual({ _tag: "Same" })
  })

  it("refuses a run of another config, a --source run for a config's plan, and the other way round, naming what to pass", () => {
    const other = checkSavedConfig({ config: CONFIG, sources: [PLAN] }, { path: "team.yml", sha256: CONFIG.sha256 })
    expect(other).toEqual({
      _tag: "Other",
      reason: "it was made from the config ops/op-reconcile.yml, but this run reads team.yml; nothing was written"
    })
    expect(checkSavedConfig({ config: CONFIG, sources: [PLAN] }, undefined)).toEqual({
      _tag: "Other",
      reason:
        "it was made from the config ops/op-reconcile.yml; apply it with --config ops/op-reconcile.yml; nothing was written"
    })
    expect(checkSavedConfig({ sources: [PLAN] }, CONFIG)).toEqual({
      _tag: "Other",
      reason:
        "it was made with --source PLAN.md, not from a config; apply it with --source PLAN.md; nothing was written"
    })
  })
})

describe("the plans --apply --plan reads", () => {
  const TABLE = { columns: ["Item", "Ticket", "State"], idColumn: "Ticket", statusColumn: "State" }

  it("are the ones the saved plan records, with no --source or --config", () => {
    expect(recordedPlans({ sources: [PLAN] }, {})).toEqual(Either.right({ _tag: "Source", path: "PLAN.md" }))
    expect(recordedPlans({ sources: [PLAN], table: TABLE }, {})).toEqual(
      Either.right({ _tag: "Source", path: "PLAN.md", table: TABLE })
    )
    expect(recordedPlans({ config: CONFIG, sources: [PLAN] }, {})).toEqual(
      Either.right({ _tag: "Config", path: "ops/op-reconcile.yml" })
    )
  })

  it("take the same --source or --config given anyway, however it is spelled", () => {
    expect(Either.isRight(recordedPlans({ sources: [PLAN] }, { source: "./PLAN.md" }))).toBe(true)
    expect(
      Either.isRight(recordedPlans({ config: CONFIG, sources: [PLAN] }, { config: "ops//op-reconcile.yml" }))
    ).toBe(true)
  })

  it("refuse another --source or --config, naming what the plan was made with and what to run", () => {
    const cases = [
      [
        { sources: [PLAN] },
        { source: "OTHER.md" },
        "it was made with --source PLAN.md, but this run was given --source OTHER.md"
      ],
      [
        { sources: [PLAN] },
        { config: "ops/op-reconcile.yml" },
        "it was made with --source PLAN.md, but this run was given --config ops/op-reconcile.yml"
      ],
      [
        { config: CONFIG, sources: [PLAN] },
        { source: "PLAN.md" },
        "it was made with the config ops/op-reconcile.yml, but this run was given --source PLAN.md"
      ],
      [
        { config: CONFIG, sources: [PLAN] },
        { config: "team.yml" },
        "it was made with the config ops/op-reconcile.yml, but this run was given --config team.yml"
      ]
    ] as const
    for (const [saved, flags, said] of cases) {
      const verdict = recordedPlans(saved, flags)
      expect(Either.isLeft(verdict) && verdict.left).toBe(
        `${said}. A saved plan is applied with the plans it records: drop the flag (--apply --plan needs no --source or --config)`
      )
    }
  })
})
