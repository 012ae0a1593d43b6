import * as FileSystem from "@effect/platform/FileSystem"
import { Effect, ParseResult, Schema } from "effect"
import { type Plan, PlanJson, READABLE_PLAN_FORMAT_VERSIONS } from "../domain/plan.js"
import { liftPlanV1, PlanV1 } from "../domain/planV1.js"
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

/** The version is read first, so that a plan of another release is refused for what it is. */
const Versioned = Schema.parseJson(
  Schema.Struct({
    formatVersion: Schema.Literal(...READABLE_PLAN_FORMAT_VERSIONS).annotations({
      message: (issue) => ({
        message:
          `format version ${JSON.stringify(issue.actual)} is not one this op-reconcile reads ` +
          `(${READABLE_PLAN_FORMAT_VERSIONS.join(", ")}); make and apply the plan with the same op-reconcile release`,
        override: true
      })
    })
  })
)

/** Reads and decodes a plan written by `reconcile --dry-run --out` (this release's format, or version 1). */
export const readSavedPlan = (file: string): Effect.Effect<Plan, SavedPlanInvalid, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const text = yield* fs
      .readFileString(file)
      .pipe(Effect.mapError((e) => new SavedPlanInvalid({ file, reason: `cannot read it (${e.message})` })))
    const invalid = (e: ParseResult.ParseError) => new SavedPlanInvalid({ file, reason: firstProblem(e) })
    const { formatVersion } = yield* Schema.decodeUnknown(Versioned)(text).pipe(Effect.mapError(invalid))
    if (formatVersion === 1) {
      return liftPlanV1(yield* Schema.decodeUnknown(Schema.parseJson(PlanV1))(text).pipe(Effect.mapError(invalid)))
    }
    return yield* Schema.decodeUnknown(PlanJson)(text).pipe(Effect.mapError(invalid))
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
