import { JSONSchema } from "effect"
import { ConfigFile } from "./ConfigFile.js"

/**
 * op-reconcile.schema.json, generated from the same Effect Schema that decodes the config, so the editor's
 * completion and the tool's checks cannot disagree. `npm run config-schema` rewrites the file; a test fails
 * when the committed file differs.
 */
export const configJsonSchema = (): string => `${JSON.stringify(JSONSchema.make(ConfigFile), null, 2)}\n`
