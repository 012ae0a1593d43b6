import { readFileSync } from "node:fs"
import { join } from "node:path"
import { describe, expect, it } from "vitest"
import { ConfigFile, PlanEntry, TableSection } from "../../src/config/ConfigFile.js"
import { configJsonSchema } from "../../src/config/jsonSchema.js"

const ROOT = join(import.meta.dirname, "..", "..")

describe("op-reconcile.schema.json", () => {
  it("is exactly what the config's Effect Schema generates (run `npm run config-schema` after changing it)", () => {
    expect(readFileSync(join(ROOT, "op-reconcile.schema.json"), "utf8")).toBe(configJsonSchema())
  })

  it("knows the same keys as the decoder, at every level, and refuses others", () => {
    const schema = JSON.parse(configJsonSchema())
    expect(Object.keys(schema.properties)).toEqual(Object.keys(ConfigFile.fields))
    expect(schema.additionalProperties).toBe(false)
    const plan = schema.properties.plans.items
    expect(Object.keys(plan.properties)).toEqual(Object.keys(PlanEntry.fields))
    expect(Object.keys(plan.properties.table.properties)).toEqual(Object.keys(TableSection.fields))
    expect(plan.additionalProperties).toBe(false)
  })
})
