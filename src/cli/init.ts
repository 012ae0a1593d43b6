import { Command, HelpDoc, Options } from "@effect/cli"
import { connectionOptions } from "./connectionOptions.js"
import { lazy } from "./lazy.js"
import { tableSpecOptions } from "./sourceOptions.js"

const options = {
  sources: Options.text("source").pipe(
    Options.withAlias("s"),
    Options.withPseudoName("FILE"),
    Options.withDescription(
      "A markdown plan to put in the config (repeat it for several). Without --source, every *.md file " +
        "of the current directory with a tracking table."
    ),
    Options.repeated
  ),
  tableSpec: tableSpecOptions,
  under: Options.text("under").pipe(
    Options.withPseudoName("TEXT"),
    Options.withDescription(
      "Where a plan has several tables with the tracking header: the one under a heading containing TEXT " +
        "(ignoring case); written into the config as that plan's under:."
    ),
    Options.optional
  ),
  out: Options.text("out").pipe(
    Options.withPseudoName("FILE"),
    Options.withDescription(
      "Where to write the config (default: op-reconcile.yml); an existing file is never replaced."
    ),
    Options.withDefault("op-reconcile.yml")
  ),
  ...connectionOptions
}

export type InitOptions = Command.Command.ParseConfig<typeof options>

/**
 * `op-reconcile init`: a starter op-reconcile.yml for the plans it is given, with `states:` prefilled from
 * this OpenProject's statuses. Reads OpenProject (one statuses request), writes only the new file.
 */
export const initCommand = Command.make("init", options, (o) =>
  lazy(
    () => import("./init/runInit.js"),
    (m) => m.runInit(o)
  )
).pipe(
  Command.withDescription(
    HelpDoc.blocks([
      HelpDoc.p(
        "Write a starter op-reconcile.yml for the given plans: the tracking table found in each, and states: " +
          "prefilled by matching the plans' words to OpenProject's statuses (exact, then case-insensitive); a " +
          "word without a match is a commented line to finish. Never replaces an existing file."
      ),
      HelpDoc.p("Environment: OPENPROJECT_URL (or --url) and OPENPROJECT_API_KEY (one GET /api/v3/statuses).")
    ])
  )
)
