import { FileSystem } from "@effect/platform"
import { Effect, ParseResult, Schema } from "effect"
import { type Plan, PlanJson } from "../domain/plan.js"
import { type OutputUnwritable, writeFileAtomic } from "../files/writeFileAtomic.js"
import { oneLine } from "../safeText/oneLine.js"

/** A saved plan file that cannot be used; nothing is written. */
export class SavedPlanInvalid extends Schema.TaggedError<SavedPlanInvalid>()("SavedPlanInvalid", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return (
      // the reason may quote the file's content: a saved plan is someone else's text too
      `${oneLine(this.file)}: not a usable op-reconcile plan: ${oneLine(this.reason)}. ` +
      "Make a new one with `op-reconcile reconcile --dry-run --out FILE` and apply that."
    )
  }
}

/** Reads and decodes a plan written by `reconcile --dry-run --out`. */
export const readSavedPlan = (file: string): Effect.Effect<Plan, SavedPlanInvalid, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs
      .readFileString(file)
      .pipe(Effect.mapError((e) => new SavedPlanInvalid({ file, reason: `cannot read it (${e.message})` })))
    return yield* Schema.decodeUnknown(PlanJson)(text).pipe(
      Effect.mapError((e) => new SavedPlanInvalid({ file, reason: firstProblem(e) }))
    )
  })

/**
 * The first problem and where it is (`changes.0.lockVersion: is missing`). The tree formatter's first line
 * only names the schema ("(parseJson <-> …)"), which tells the user nothing.
 */
const firstProblem = (error: ParseResult.ParseError): string => {
  const [issue] = ParseResult.ArrayFormatter.formatErrorSync(error)
  if (issue === undefined) return "it does not match the plan format"
  return issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`
}

/** Writes a plan so that `readSavedPlan` reads back exactly the same plan; all or nothing (see writeFileAtomic). */
export const writeSavedPlan = (
  file: string,
  plan: Plan
): Effect.Effect<void, OutputUnwritable, FileSystem.FileSystem> =>
  writeFileAtomic(file, `${Schema.encodeSync(PlanJson)(plan)}\n`)
