import type { Either } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { Vocabulary } from "../domain/vocabulary.js"
import type { ParseError } from "./DesiredStateParser.js"
import { desiredStateFrom } from "./desiredStateFrom.js"
import { documentTablesGuarded } from "./parseDesiredState/documentTables.js"
import type { TableSpec } from "./TableSpec.js"

/**
 * The parse as the CLI runs it in its own thread: a stack overflow is refused by the nesting limit
 * (documentTablesGuarded), never a crash.
 */
export const parseGuarded = (
  text: string,
  file: string,
  spec: TableSpec,
  vocabulary: Vocabulary
): Either.Either<DesiredState, ParseError> => desiredStateFrom(documentTablesGuarded(text), file, spec, vocabulary)
