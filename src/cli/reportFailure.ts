import { ValidationError } from "@effect/cli"
import { Cause, Console, Effect, Option } from "effect"

/** Exit codes of op-reconcile (documented in the README). */
export const EXIT_OK = 0
export const EXIT_ERROR = 1

// Matched by tag, not by class: importing ExitWithCode (a Schema class) here would put all of effect/Schema
// on the start-up path of every command, `--help` included.
const isExitWithCode = (u: unknown): u is { readonly _tag: "ExitWithCode"; readonly code: number } =>
  typeof u === "object" &&
  u !== null &&
  "_tag" in u &&
  u._tag === "ExitWithCode" &&
  "code" in u &&
  typeof u.code === "number"

const isUsageError = (u: unknown): u is { readonly _tag: "UsageError"; readonly helpHint: string } =>
  typeof u === "object" && u !== null && "_tag" in u && u._tag === "UsageError" && "helpHint" in u

const hasMessage = (u: unknown): u is { readonly message: string } =>
  typeof u === "object" && u !== null && "message" in u && typeof u.message === "string"

/**
 * The one place that turns a failed run into an exit code and prints the error once, without a stack
 * trace; usage errors in the same shape, followed by where the help is. A bug (defect) is printed in
 * full, because nothing else would explain it.
 */
export const reportFailure = <E>(cause: Cause.Cause<E>): Effect.Effect<number> => {
  if (Cause.isInterruptedOnly(cause)) return Effect.succeed(130)
  const failure = Cause.failureOption(cause)
  if (Option.isNone(failure)) {
    return Console.error(`op-reconcile: internal error (please report it):\n${Cause.pretty(cause)}`).pipe(
      Effect.as(EXIT_ERROR)
    )
  }
  const error: unknown = failure.value
  if (isExitWithCode(error)) return Effect.succeed(error.code)
  const text = ValidationError.isValidationError(error)
    ? "the command line could not be read."
    : hasMessage(error) && error.message.length > 0
      ? error.message
      : String(error)
  // A usage error says where the help is, as git and gh do: `See 'op-reconcile reconcile --help'.`
  const hint = isUsageError(error) ? `\n${error.helpHint}` : ""
  return Console.error(`op-reconcile: error: ${text}${hint}`).pipe(Effect.as(EXIT_ERROR))
}
