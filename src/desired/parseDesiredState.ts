import type { Either } from "effect"
import type { DesiredState } from "../domain/desired.js"
import { DEFAULT_VOCABULARY, type Vocabulary } from "../domain/vocabulary.js"
import { desiredStateFrom, type ReadError } from "./desiredStateFrom.js"
import { documentTables } from "./parseDesiredState/documentTables.js"
import { DEFAULT_TABLE_SPEC, type TableSpec } from "./TableSpec.js"

/**
 * Reads the desired state from the text of a markdown plan (pure): the parse (documentTables.ts; a
 * document whose shape would make the parser hang is refused first), then the tracking table the spec
 * names (desiredStateFrom.ts).
 */
export const parseDesiredState = (
  text: string,
  file: string,
  spec: TableSpec = DEFAULT_TABLE_SPEC,
  vocabulary: Vocabulary = DEFAULT_VOCABULARY
): Either.Either<DesiredState, ReadError> => desiredStateFrom(documentTables(text), file, spec, vocabulary)
