import { Either, Schema } from "effect"
import type { DesiredRow, DesiredState } from "../domain/desired.js"
import { type Plan, PlannedChange } from "../domain/plan.js"
import { stateKey } from "../domain/states.js"
import { DEFAULT_VOCABULARY, statusNameFor, type Vocabulary } from "../domain/vocabulary.js"
import { oneLine } from "../safeText/oneLine.js"

/**
 * A saved plan is applied later, from a file anyone can edit: before any write, every change it holds must
 * still follow from the plan document. A change that does not (a work package the document does not name,
 * or one it now asks to be in another state) makes the whole saved plan untrustworthy, so nothing is applied.
 * Pure: the saved plan and the document as read now in, a verdict out.
 */

/** One saved change that no longer follows from the document, in the user's words. */
export class SavedChangeMismatch extends Schema.Class<SavedChangeMismatch>("SavedChangeMismatch")({
  workPackageId: Schema.Int,
  problem: Schema.String
}) {}

/** The saved plan does not match its document; nothing was written. */
export class SavedPlanMismatch extends Schema.TaggedError<SavedPlanMismatch>()("SavedPlanMismatch", {
  file: Schema.String,
  document: Schema.String,
  mismatches: Schema.Array(SavedChangeMismatch)
}) {
  override get message(): string {
    // a problem quotes the saved plan (someone else's file): each stays on its line
    const items = this.mismatches.map((m) => `  wp#${m.workPackageId}: ${oneLine(m.problem)}`).join("\n")
    return (
      `${this.file}: the saved plan no longer follows from ${this.document}; nothing was written:\n${items}\n` +
      "A saved plan is applied whole or not at all. Make a new plan with " +
      `\`op-reconcile reconcile --source ${this.document} --dry-run --out FILE\`, review it, and apply that.`
    )
  }
}

/** What a saved plan looks like next to the document as it is now. */
export interface SavedPlanFollows {
  /** The saved changes, pointed at the rows that ask for them now (a row may have moved). */
  readonly changes: ReadonlyArray<PlannedChange>
  /** The document's bytes differ from the ones planned from (other lines changed): worth one line to the user. */
  readonly documentChanged: boolean
}

export interface SavedPlanCheckInput {
  readonly saved: Plan
  readonly savedFile: string
  readonly desired: DesiredState
  /** sha256 of the document as read now. */
  readonly sha256: string
  /** What the plan's words mean on this OpenProject, as the planner used it (default: each word its own name). */
  readonly vocabulary?: Vocabulary
}

const rowsByWorkPackage = (desired: DesiredState): ReadonlyMap<number, ReadonlyArray<DesiredRow>> => {
  const rows = new Map<number, Array<DesiredRow>>()
  for (const row of desired.rows) rows.set(row.workPackageId, [...(rows.get(row.workPackageId) ?? []), row])
  return rows
}

/** Checks every saved change against the document; any mismatch refuses the whole saved plan. */
export const checkSavedPlanAgainstDocument = (
  input: SavedPlanCheckInput
): Either.Either<SavedPlanFollows, SavedPlanMismatch> => {
  const vocabulary = input.vocabulary ?? DEFAULT_VOCABULARY
  const rows = rowsByWorkPackage(input.desired)
  const skipped = new Map(
    input.desired.skipped.flatMap((s) => (s.workPackageId === undefined ? [] : [[s.workPackageId, s]]))
  )
  const file = input.desired.file
  const mismatches: Array<SavedChangeMismatch> = []
  const changes: Array<PlannedChange> = []
  for (const change of input.saved.changes) {
    const mismatch = (problem: string) =>
      mismatches.push(new SavedChangeMismatch({ workPackageId: change.workPackageId, problem }))
    const candidates = rows.get(change.workPackageId) ?? []
    const [first] = candidates
    if (first === undefined) {
      const skip = skipped.get(change.workPackageId)
      mismatch(
        skip === undefined
          ? `not in ${file}`
          : `the row at line ${skip.line} no longer asks for a state (it is skipped), the saved plan says ${change.to}`
      )
      continue
    }
    // The reader refuses one work package asked for in different states, so all its rows agree.
    // Compared as the planner looks statuses up: without regard to case or spacing.
    const asks = statusNameFor(vocabulary, first.state)
    if (stateKey(asks) !== stateKey(change.to)) {
      mismatch(`the row at line ${first.line} now asks for ${asks}, the saved plan says ${change.to}`)
      continue
    }
    changes.push(new PlannedChange({ ...change, line: first.line, column: first.column }))
  }
  if (mismatches.length > 0) {
    return Either.left(new SavedPlanMismatch({ file: input.savedFile, document: file, mismatches }))
  }
  return Either.right({ changes, documentChanged: !input.saved.sources.some((s) => s.sha256 === input.sha256) })
}
