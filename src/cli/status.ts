import { Command, HelpDoc, Options } from "@effect/cli"
import { connectionOptions } from "./connectionOptions.js"
import { lazy } from "./lazy.js"
import { sourceOptions } from "./sourceOptions.js"

const options = {
  ...sourceOptions,
  format: Options.choice("format", ["text", "json"]).pipe(
    Options.withDescription("How to print the rows on stdout: text or json (default: text)."),
    Options.withDefault("text")
  ),
  history: Options.boolean("history").pipe(
    Options.withDescription(
      "Say for every row when op-reconcile last set it and whether it was edited since: one activities read per " +
        "row (by default only the rows out of sync are read)."
    )
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
    HelpDoc.blocks([
      HelpDoc.p("Show each work package the plan names with its desired and its current state (read-only)."),
      HelpDoc.p("Environment: OPENPROJECT_URL (or --url) and OPENPROJECT_API_KEY.")
    ])
  )
)
