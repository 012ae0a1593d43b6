import { Schema } from "effect"

/** One thing wrong with the config, at the place in the file the user has to change. */
export class ConfigProblem extends Schema.Class<ConfigProblem>("ConfigProblem")({
  line: Schema.Int,
  column: Schema.Int,
  message: Schema.String
}) {}

/**
 * The config cannot be used as written. Raised before any request to OpenProject; every problem is
 * reported at once, each as `FILE:LINE:COLUMN: …` so editors and CI logs link to it.
 */
export class ConfigInvalid extends Schema.TaggedError<ConfigInvalid>()("ConfigInvalid", {
  file: Schema.String,
  problems: Schema.Array(ConfigProblem)
}) {
  override get message(): string {
    const lines = this.problems.map((p) => `${this.file}:${p.line}:${p.column}: ${p.message}`)
    return (
      `${lines.join("\n")}\n` +
      `Fix ${this.file} and run again (every key is described in the README and in op-reconcile.schema.json); ` +
      "nothing was read from OpenProject."
    )
  }
}

/** The config file itself cannot be read (missing, a directory, no permission, not UTF-8). */
export class ConfigUnreadable extends Schema.TaggedError<ConfigUnreadable>()("ConfigUnreadable", {
  file: Schema.String,
  reason: Schema.String,
  /** True when no --config was given and the default file was looked for. */
  defaulted: Schema.Boolean
}) {
  override get message(): string {
    const hint = this.defaulted
      ? "Pass --source PLAN.md (one plan) or --config FILE, or write an op-reconcile.yml (see the README's config section)."
      : "Check the --config path."
    return `${this.file}: cannot read the config: ${this.reason}. ${hint}`
  }
}

export type ConfigError = ConfigInvalid | ConfigUnreadable
