import { Command, Options } from "@effect/cli"
import { connectionOptions } from "./connectionOptions.js"
import { lazy } from "./lazy.js"
import { sourceOptions } from "./sourceOptions.js"

const options = {
  ...sourceOptions,
  format: Options.choice("format", ["text", "json"]).pipe(
    Options.withDescription("Output format."),
    Options.withDefault("text")
  ),
  ...connectionOptions
}

export type StatusOptions = Command.Command.ParseConfig<typeof options>

/**
 * `op-reconcile status` (the runbook's `make op-story-status`): every work package the plan names, its
 * desired and its current state side by side. Read-only.
 */
export const statusCommand = Command.make("status", options, (o) =>
  lazy(
    () => import("./status/runStatus.js"),
    (m) => m.runStatus(o)
  )
).pipe(
  Command.withDescription(
    "Show each work package the plan names with its desired and its current state (read-only). " +
      "Reads OPENPROJECT_URL and OPENPROJECT_API_KEY from the environment."
  )
)
