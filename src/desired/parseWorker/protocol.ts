import { Either, Schema } from "effect"
import { DesiredRow, DesiredState } from "../../domain/desired.js"
import { ConflictingRows, DocumentRefused, TableNotFound, TrackingTableAmbiguous } from "../../domain/errors.js"
import { NEXT_ROW_IN_FULL } from "./messages.js"

const ReadError = Schema.Union(TableNotFound, TrackingTableAmbiguous, ConflictingRows, DocumentRefused)

/**
 * The reader's result as plain data (readTrackingTable.ts), decoded: what a parse in this thread gives
 * (desiredStateFrom.ts).
 */
export const ParseAnswer = Schema.Either({ right: DesiredState, left: ReadError })
export type ParseAnswer = typeof ParseAnswer.Type

/**
 * The parse worker's messages (parseWorker/messages.ts), each decoded here: the worker loads no Schema and
 * its messages cross by structured clone. Rows sent ahead are decoded as they come, while the worker still
 * parses; its answer names each of them by its line.
 */
export const RowsAhead = Schema.Struct({ _tag: Schema.Literal("RowsAhead"), rows: Schema.Array(DesiredRow) })

/** A row's line, or NEXT_ROW_IN_FULL, for each row of a reading (messages.ts): integers by construction. */
const Layout = Schema.declare((input: unknown): input is Int32Array => input instanceof Int32Array, {
  identifier: "Int32Array"
})

export const WorkerAnswer = Schema.Struct({
  _tag: Schema.Literal("Answer"),
  reading: Schema.Either({
    right: Schema.Struct({ ...DesiredState.fields, layout: Layout }),
    left: ReadError
  })
})
export type WorkerAnswer = typeof WorkerAnswer.Type

/** A reading whose layout does not fit the rows sent: a bug of the parse worker, not of the plan. */
export class ReadingLayoutBroken extends Schema.TaggedError<ReadingLayoutBroken>()("ReadingLayoutBroken", {
  problem: Schema.String
}) {
  override get message() {
    return `the parse worker's reading does not fit the rows it sent (${this.problem}); please report this`
  }
}

/**
 * The worker's reading with its rows in place: each line of the layout the row sent ahead at that line,
 * each NEXT_ROW_IN_FULL the next row sent in full; as the reader gives it in this thread.
 */
export const readingOf = (
  answer: WorkerAnswer,
  ahead: ReadonlyMap<number, DesiredRow>
): Either.Either<ParseAnswer, ReadingLayoutBroken> => {
  const reading = answer.reading
  if (Either.isLeft(reading)) return Either.right(Either.left(reading.left))
  const { layout, rows: inFull, ...state } = reading.right
  const rows: Array<DesiredRow> = []
  let next = 0
  for (const line of layout) {
    const row = line === NEXT_ROW_IN_FULL ? inFull[next++] : ahead.get(line)
    if (row === undefined) {
      const problem = line === NEXT_ROW_IN_FULL ? "fewer rows in full than named" : `no row sent at line ${line}`
      return Either.left(new ReadingLayoutBroken({ problem }))
    }
    rows.push(row)
  }
  if (next !== inFull.length) return Either.left(new ReadingLayoutBroken({ problem: "more rows in full than named" }))
  // Every part is a decoded value already (the rows by DesiredRow, the rest by WorkerAnswer): checking
  // them again on construction would only repeat the decode.
  return Either.right(Either.right(new DesiredState({ ...state, rows }, true)))
}
