// Writes op-reconcile.schema.json at the repository root from the config's Effect Schema.
import { writeFileSync } from "node:fs"
import { join } from "node:path"
import { configJsonSchema } from "../src/config/jsonSchema.js"

writeFileSync(join(import.meta.dirname, "..", "op-reconcile.schema.json"), configJsonSchema())
