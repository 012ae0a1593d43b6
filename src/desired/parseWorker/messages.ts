import type { DesiredRow, TrackingTableRead } from "../readTrackingTable.js"

/**
 * What the parse worker posts, as plain data (structured clone; the worker loads no Schema, the main thread
 * decodes each message: protocol.ts). Once told which table to read, the worker sends the rows of its
 * tracking table that ask for a state as each slice of the table is parsed (`RowsAhead`), so the main thread
 * decodes them while the parse goes on; then its reading (`Answer`), where a row already sent is named by
 * its line instead of sent again.
 */
export type WorkerMessage = RowsAhead | Answer

export interface RowsAhead {
  readonly _tag: "RowsAhead"
  readonly rows: ReadonlyArray<DesiredRow>
}

export interface Answer {
  readonly _tag: "Answer"
  readonly reading: StreamedRead
}

/**
 * The reading (readTrackingTable.ts), with the rows sent ahead named by their line: `layout` has one entry
 * per row of the reading, in order, the line of a row sent ahead (and the same in every field) or
 * `NEXT_ROW_IN_FULL` for the next of `rows`, the rows not sent ahead. An Int32Array, so that the main
 * thread checks a thousand lines at once (they can only be integers).
 */
export type StreamedRead =
  | Extract<TrackingTableRead, { readonly _tag: "Left" }>
  | {
      readonly _tag: "Right"
      readonly right: Extract<TrackingTableRead, { readonly _tag: "Right" }>["right"] & { readonly layout: Int32Array }
    }

/** In a reading's layout: the next row of its `rows` (no row sits at a negative line). */
export const NEXT_ROW_IN_FULL = -1
