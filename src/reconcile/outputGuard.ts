import type * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Schema } from "effect"
import { resolvedPath, sameFile } from "../files/resolvedPath.js"

/** A file the run reads, which nothing the run writes may replace. */
export interface ProtectedPath {
  readonly path: string
  /** What it is, for the message: "the plan document", "the saved plan", "the config file". */
  readonly role: string
}

/** `--out` names a file the run reads; refused before anything is read or written. */
export class OutputOverwritesInput extends Schema.TaggedError<OutputOverwritesInput>()("OutputOverwritesInput", {
  output: Schema.String,
  input: Schema.String,
  role: Schema.String,
  resolved: Schema.String
}) {
  override get message(): string {
    const both = this.output === this.input ? "" : ` (both are ${this.resolved})`
    return (
      `--out ${this.output} would overwrite ${this.role} ${this.input}${both}; nothing was read or written. ` +
      "Write the JSON to another file, e.g. --out plan.json."
    )
  }
}

/**
 * Refuses an output path that resolves to any of the run's inputs (symlinks followed, `./` and `..`
 * normalised, hard links caught), so a slip such as `--out plan.md` never replaces the user's document.
 */
export const checkOutputPath = (
  output: string,
  inputs: ReadonlyArray<ProtectedPath>
): Effect.Effect<void, OutputOverwritesInput, FileSystem.FileSystem> =>
  Effect.forEach(inputs, (input) =>
    Effect.gen(function* () {
      if (!(yield* sameFile(output, input.path))) return
      return yield* new OutputOverwritesInput({
        output,
        input: input.path,
        role: input.role,
        resolved: yield* resolvedPath(input.path)
      })
    })
  ).pipe(Effect.asVoid)
