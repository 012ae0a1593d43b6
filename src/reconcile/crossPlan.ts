import { Either, Schema } from "effect"
import type { DesiredState } from "../domain/desired.js"
import { stateKey } from "../domain/states.js"
import { DEFAULT_VOCABULARY, statusNameFor, type Vocabulary } from "../domain/vocabulary.js"
import { oneLine } from "../safeText/oneLine.js"

/** One place a work package is asked for: the file, the line and what it asks for. */
export class PlanLocation extends Schema.Class<PlanLocation>("PlanLocation")({
  file: Schema.String,
  line: Schema.Int,
  /** The plan's word, and the OpenProject status it stands for when states: maps it. */
  word: Schema.String,
  status: Schema.String
}) {}

export class CrossPlanConflict extends Schema.Class<CrossPlanConflict>("CrossPlanConflict")({
  workPackageId: Schema.Int,
  locations: Schema.Array(PlanLocation)
}) {}

/**
 * Two plans of one run ask for different states of the same work package: neither can win, so the run
 * stops before anything is read from OpenProject.
 */
export class ConflictingPlans extends Schema.TaggedError<ConflictingPlans>()("ConflictingPlans", {
  conflicts: Schema.Array(CrossPlanConflict)
}) {
  override get message(): string {
    const asked = (l: PlanLocation) =>
      oneLine(stateKey(l.word) === stateKey(l.status) ? l.status : `${l.word} = ${l.status}`)
    const lines = this.conflicts.map(
      (c) =>
        `  wp#${c.workPackageId}: ${c.locations.map((l) => `${oneLine(l.file)}:${l.line} (${asked(l)})`).join(" vs ")}`
    )
    return (
      `the same work package is asked for in different states by different plans:\n${lines.join("\n")}\n` +
      "Give the rows the same state, or keep the work package in one plan only; nothing was read from OpenProject."
    )
  }
}

export interface PlannedDocument {
  readonly desired: DesiredState
  readonly vocabulary?: Vocabulary
}

interface Ask {
  readonly document: number
  readonly file: string
  readonly line: number
  readonly word: string
  readonly status: string
}

const locationOf = (ask: Ask) =>
  new PlanLocation({ file: ask.file, line: ask.line, word: ask.word, status: ask.status })

/**
 * Checks the documents of one run against each other (pure): a work package in two documents must be asked
 * for in the same OpenProject status (the words may differ when each plan's states: maps them to it). Within
 * one document the reader has already refused such rows, so one document has nothing to check. The same
 * state twice is fine: the planner plans it once and warns. Locations are made (and validated) only for the
 * conflicts they describe, not for every row of every plan.
 */
export const checkAcrossPlans = (documents: ReadonlyArray<PlannedDocument>): Either.Either<void, ConflictingPlans> => {
  if (documents.length < 2) return Either.void
  const seen = new Map<number, Array<Ask>>()
  documents.forEach((document, index) => {
    for (const row of document.desired.rows) {
      const ask: Ask = {
        document: index,
        file: document.desired.file,
        line: row.line,
        word: row.state,
        status: statusNameFor(document.vocabulary ?? DEFAULT_VOCABULARY, row.state)
      }
      const asks = seen.get(row.workPackageId)
      if (asks === undefined) seen.set(row.workPackageId, [ask])
      else asks.push(ask)
    }
  })
  const conflicts: Array<CrossPlanConflict> = []
  for (const [workPackageId, asks] of seen) {
    const [first] = asks
    if (first === undefined) continue
    const differs = asks.some((a) => a.document !== first.document && stateKey(a.status) !== stateKey(first.status))
    if (differs) conflicts.push(new CrossPlanConflict({ workPackageId, locations: asks.map(locationOf) }))
  }
  return conflicts.length === 0 ? Either.void : Either.left(new ConflictingPlans({ conflicts }))
}
