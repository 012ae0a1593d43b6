import { Schema } from "effect"

/**
 * The command line cannot mean anything: an unknown or mistyped flag or command, a value of the wrong
 * kind, a missing required flag, flags that exclude each other. Nothing was read or written. Printed as
 * `op-reconcile: error: …` followed by where the help is (see reportFailure.ts).
 */
export class UsageError extends Schema.TaggedError<UsageError>()("UsageError", {
  problem: Schema.String,
  /** The command whose help explains the right usage; absent for the root (`op-reconcile --help`). */
  command: Schema.optional(Schema.String)
}) {
  override get message(): string {
    return this.problem
  }

  /** The line after the error: where to read how it is used. */
  get helpHint(): string {
    return `See 'op-reconcile${this.command === undefined ? "" : ` ${this.command}`} --help'.`
  }
}
