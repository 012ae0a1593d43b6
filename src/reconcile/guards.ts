import { Either, Schema } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { Plan } from "../domain/plan.js"
import { causeBreakdown } from "../drift/explain.js"

/** The plan transitions more work packages than the user allowed (the mass-revert guard). */
export class TooManyChanges extends Schema.TaggedError<TooManyChanges>()("TooManyChanges", {
  changes: Schema.Int,
  maxChanges: Schema.Int,
  /** The plan by cause, naming who edited OpenProject and when (drift/explain.ts); "" when unknown. */
  breakdown: Schema.optionalWith(Schema.String, { default: () => "" }),
  /** How many of the changes revert edits made in OpenProject. */
  reverts: Schema.optionalWith(Schema.Int, { default: () => 0 })
}) {
  override get message(): string {
    const head =
      `the plan would transition ${this.changes} work packages, more than --max-changes ${this.maxChanges} allows; ` +
      "nothing was written."
    const rerun = `rerun with --max-changes ${this.changes}`
    // Two situations, two remedies, never run together: the edit in OpenProject was meant (the plan is what
    // is out of date), or it was not (the plan is right and the apply restores it).
    if (this.breakdown !== "" && this.reverts > 0) {
      return (
        `${head} ${this.breakdown}. If that edit in OpenProject was meant, update the plan to match it first ` +
        `(then there is nothing to revert). If it was not, ${rerun} to restore the plan.`
      )
    }
    if (this.breakdown !== "") {
      return `${head} ${this.breakdown}. If the plan is what you want, ${rerun}.`
    }
    return (
      `${head} A plan this large often means OpenProject was mass-edited by hand. If that edit was meant, ` +
      `update the plan to match it first. If it was not, or the plan is what you want, ${rerun}.`
    )
  }
}

/**
 * On a dry-run, before anyone merges: the apply of this plan would be refused by the guard. Said as a
 * warning (the dry-run itself succeeds), with the same breakdown and remedies as the refusal.
 */
export const maxChangesWarning = (plan: Plan, maxChanges: number): string | undefined =>
  Either.match(checkMaxChanges(plan, maxChanges), {
    onRight: () => undefined,
    onLeft: (refusal) =>
      `an apply of this plan would be refused: ${refusal.message.replace("; nothing was written.", ".")}`
  })

/** Applying an empty table would mean "nothing is desired", which is almost always a broken document. */
export class EmptyTrackingTable extends Schema.TaggedError<EmptyTrackingTable>()("EmptyTrackingTable", {
  file: Schema.String,
  line: Schema.Int
}) {
  override get message(): string {
    return (
      `${this.file}:${this.line}: the tracking table has no row that names a work package with a recognised state; ` +
      "refusing to apply. Run `op-reconcile validate` to see why each row was skipped."
    )
  }
}

/** The mass-revert guard alone: what a saved plan is held to (its rows were checked when it was made). */
export const checkMaxChanges = (plan: Plan, maxChanges: number): Either.Either<void, TooManyChanges> =>
  plan.changes.length > maxChanges
    ? Either.left(
        new TooManyChanges({
          changes: plan.changes.length,
          maxChanges,
          breakdown: causeBreakdown(plan.changes),
          reverts: plan.changes.filter((c) => c.cause === "edited-in-openproject").length
        })
      )
    : Either.void

/** Checks made before the first write of an apply planned in this run; a refusal writes nothing. */
export const checkApplyGuards = (
  desired: DesiredState,
  plan: Plan,
  maxChanges: number
): Either.Either<void, TooManyChanges | EmptyTrackingTable> =>
  desired.rows.length === 0
    ? Either.left(new EmptyTrackingTable({ file: desired.file, line: desired.tableLine }))
    : checkMaxChanges(plan, maxChanges)
