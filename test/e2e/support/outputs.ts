import { Effect, Schema } from "effect"

/**
 * The CLI's JSON documents as issue #4's CLI contract states them. Decoding with these schemas is itself
 * the assertion that the fields exist with the promised types (extra fields are allowed).
 */

export const PlanOutput = Schema.Struct({
  changes: Schema.Array(
    Schema.Struct({
      workPackageId: Schema.Number,
      from: Schema.String,
      to: Schema.String,
      line: Schema.Number
    })
  ),
  summary: Schema.Struct({
    changes: Schema.Number,
    inSync: Schema.Number,
    skipped: Schema.Number,
    blocked: Schema.Number
  }),
  skipped: Schema.Array(Schema.Struct({ line: Schema.Number, reason: Schema.String }))
})

export const Outcome = Schema.Literal("applied", "unchanged", "failed", "stale")

export const ApplyOutput = Schema.Struct({
  results: Schema.Array(
    Schema.Struct({
      workPackageId: Schema.Number,
      from: Schema.String,
      to: Schema.String,
      outcome: Outcome,
      error: Schema.optional(Schema.Struct({ message: Schema.String }))
    })
  ),
  summary: Schema.Struct({
    applied: Schema.Number,
    unchanged: Schema.Number,
    failed: Schema.Number,
    stale: Schema.Number
  })
})

export const decodePlanOutput = (text: string) => Schema.decodeUnknown(Schema.parseJson(PlanOutput))(text)
export const decodeApplyOutput = (text: string) => Schema.decodeUnknown(Schema.parseJson(ApplyOutput))(text)

/** The outcome of each work package in an apply report, by id. */
export const outcomesById = (text: string) =>
  Effect.map(decodeApplyOutput(text), (report) => new Map(report.results.map((r) => [r.workPackageId, r.outcome])))
