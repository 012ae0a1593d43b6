import { type Either, Schema } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { ConflictingRows, DocumentRefused, TableNotFound, TrackingTableAmbiguous } from "../domain/errors.js"
import { DEFAULT_VOCABULARY, type Vocabulary } from "../domain/vocabulary.js"
import type { DocumentTables } from "./parseDesiredState/documentTables.js"
import { ParseAnswer } from "./parseWorker/protocol.js"
import { readTrackingTable } from "./readTrackingTable.js"
import { DEFAULT_TABLE_SPEC, type TableSpec } from "./TableSpec.js"

export type ReadError = TableNotFound | TrackingTableAmbiguous | ConflictingRows | DocumentRefused

// The reading is built as plain data (the parse worker runs it too); decoding it gives the domain's values.
const decodeRead = Schema.decodeSync(ParseAnswer)

/**
 * The desired state from a document's tables (the parse, wherever it ran: documentTables.ts), pure: the
 * tracking table the spec names, read by readTrackingTable.ts and decoded. Loads no markdown parser.
 */
export const desiredStateFrom = (
  parsed: DocumentTables,
  file: string,
  spec: TableSpec = DEFAULT_TABLE_SPEC,
  vocabulary: Vocabulary = DEFAULT_VOCABULARY
): Either.Either<DesiredState, ReadError> => decodeRead(readTrackingTable(parsed, file, spec, vocabulary))
