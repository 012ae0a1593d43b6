import { Either, Schema } from "effect"
import { DesiredState } from "../domain/desired.js"
import { oneLine } from "../safeText/oneLine.js"

/**
 * `--target wp#43` (repeatable), as Terraform's `-target`: the run plans and applies only these work
 * packages, and reads only them from OpenProject. The rest of each plan is not looked at, and a warning
 * says so. Pure.
 */

/** A `--target` value that is not a work package reference. */
export const parseTarget = (text: string): Either.Either<number, string> => {
  const m = /^\s*(?:wp#)?(\d{1,9})\s*$/i.exec(text)
  const id = m === null ? Number.NaN : Number(m[1])
  return Number.isSafeInteger(id) && id > 0
    ? Either.right(id)
    : Either.left(`--target takes a work package as wp#NN (e.g. --target wp#43), not '${oneLine(text)}'`)
}

/** Targets named that no plan asks for: each named, with where a skipped row with that id is, if any. */
export class TargetNotInPlan extends Schema.TaggedError<TargetNotInPlan>()("TargetNotInPlan", {
  targets: Schema.Array(Schema.Struct({ workPackageId: Schema.Int, skippedAt: Schema.optional(Schema.String) })),
  plans: Schema.Array(Schema.String)
}) {
  override get message(): string {
    const each = this.targets.map((t) =>
      t.skippedAt === undefined
        ? `wp#${t.workPackageId} is not a row of ${this.plans.map(oneLine).join(", ")}`
        : `wp#${t.workPackageId} is skipped at ${oneLine(t.skippedAt)} (the row is not synced as written)`
    )
    return (
      `--target: ${each.join("; ")}. Target only work packages the plan asks for; ` +
      "nothing was read from OpenProject or written."
    )
  }
}

/**
 * Each document with only the targeted rows (and the skipped rows that name a target, so their warnings
 * still show), or the targets no document has a row for.
 */
export const selectTargets = (
  documents: ReadonlyArray<DesiredState>,
  targets: ReadonlyArray<number>
): Either.Either<ReadonlyArray<DesiredState>, TargetNotInPlan> => {
  const wanted = new Set(targets)
  const planned = new Set(documents.flatMap((d) => d.rows.map((r) => r.workPackageId)))
  const missing = [...wanted].filter((id) => !planned.has(id))
  if (missing.length > 0) {
    const skippedAt = (id: number) => {
      for (const d of documents) {
        const s = d.skipped.find((row) => row.workPackageId === id)
        if (s !== undefined) return `${d.file}:${s.line}`
      }
      return undefined
    }
    return Either.left(
      new TargetNotInPlan({
        targets: missing.map((workPackageId) => {
          const at = skippedAt(workPackageId)
          return at === undefined ? { workPackageId } : { workPackageId, skippedAt: at }
        }),
        plans: documents.map((d) => d.file)
      })
    )
  }
  return Either.right(
    documents.map(
      (d) =>
        new DesiredState({
          ...d,
          rows: d.rows.filter((r) => wanted.has(r.workPackageId)),
          skipped: d.skipped.filter((s) => s.workPackageId !== undefined && wanted.has(s.workPackageId))
        })
    )
  )
}

/** What a targeted run says, once, on stderr and in the plan's warnings (as Terraform does). */
export const targetingWarning = (targets: ReadonlyArray<number>, rowsLeftOut: number): string =>
  `--target: only ${targets.map((id) => `wp#${id}`).join(", ")} planned; the other ${rowsLeftOut} row(s) of the ` +
  "plan were not looked at (not read from OpenProject, not compared), so this is not the whole plan. Run " +
  "without --target to plan everything."
