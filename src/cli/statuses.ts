import { Command, Options } from "@effect/cli"
import { connectionOptions } from "./connectionOptions.js"
import { lazy } from "./lazy.js"

const options = {
  format: Options.choice("format", ["text", "json"]).pipe(
    Options.withDescription("Output format."),
    Options.withDefault("text")
  ),
  ...connectionOptions
}

export type StatusesOptions = Command.Command.ParseConfig<typeof options>

/** `op-reconcile statuses`: what a user needs to write a config's `states:`. Read-only. */
export const statusesCommand = Command.make("statuses", options, (o) =>
  lazy(
    () => import("./statuses/runStatuses.js"),
    (m) => m.runStatuses(o)
  )
).pipe(
  Command.withDescription(
    "List OpenProject's statuses as the API token sees them (id, name, closed, default), to write the config's " +
      "states: mapping. Read-only; reads OPENPROJECT_URL and OPENPROJECT_API_KEY from the environment."
  )
)
