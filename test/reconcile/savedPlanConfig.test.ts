import { describe, expect, it } from "vitest"
import { PlanSource } from "../../src/domain/plan.js"
import { checkSavedConfig } from "../../src/reconcile/savedPlanConfig.js"

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
