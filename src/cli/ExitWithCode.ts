import { Schema } from "effect"

/**
 * Not an error to report: a command that finished its work asks the process to exit with `code`
 * (1 when an item failed, 2 for `--detailed-exitcode` with pending changes). Everything the user
 * needs to know has already been printed.
 */
export class ExitWithCode extends Schema.TaggedError<ExitWithCode>()("ExitWithCode", {
  code: Schema.Int
}) {}
