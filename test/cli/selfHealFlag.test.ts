import { describe, expect, it } from "vitest"
import type { PlanSelection } from "../../src/cli/planSelection.js"
import { selfHealOf } from "../../src/cli/reconcile/runReconcile.js"
import { DEFAULT_TABLE_SPEC } from "../../src/desired/TableSpec.js"

const selection = (selfHeal?: boolean): PlanSelection => ({
  documents: [{ path: "PLAN.md", tableSpec: DEFAULT_TABLE_SPEC }],
  marker: "op-reconcile.yml",
  anchor: "op-reconcile.yml",
  ...(selfHeal === undefined ? {} : { selfHeal })
})

describe("self-heal: the flag, then the config's selfHeal:, then on", () => {
  it("is on unless the config or a flag turns it off, and a flag always wins over the config", () => {
    const none = { selfHeal: false, noSelfHeal: false }
    expect(selfHealOf(none, selection())).toBe(true)
    expect(selfHealOf(none, selection(false))).toBe(false)
    expect(selfHealOf(none, selection(true))).toBe(true)
    expect(selfHealOf({ ...none, noSelfHeal: true }, selection(true))).toBe(false)
    expect(selfHealOf({ ...none, noSelfHeal: true }, selection())).toBe(false)
    expect(selfHealOf({ ...none, selfHeal: true }, selection(false))).toBe(true)
  })
})
