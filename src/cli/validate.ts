import { Command, HelpDoc } from "@effect/cli"
import { lazy } from "./lazy.js"
import { formatOption, sourceOptions, strictOption } from "./sourceOptions.js"

const options = { ...sourceOptions, format: formatOption, strict: strictOption }

export type ValidateOptions = Command.Command.ParseConfig<typeof options>

/**
 * `op-reconcile validate`: reads the plan offline (no credentials, no network), so that a pull request
 * from a fork can check its edits to the tracking table. Errors are not printed here: the CLI root prints
 * each one once and chooses the exit code.
 */
export const validateCommand = Command.make("validate", options, (o) =>
  lazy(
    () => import("./validate/runValidate.js"),
    (m) => m.runValidate(o)
  )
).pipe(
  Command.withDescription(
    HelpDoc.blocks([
      HelpDoc.p(
        "Read the tracking table of a markdown plan and report its rows, skipped rows and errors (offline: " +
          "no OpenProject, no credentials)."
      ),
      HelpDoc.p(
        "Exit codes: 0 the table is valid; 1 it is not (the message says where), or with --strict a row " +
          "would not be synced as written."
      )
    ])
  )
)
