import { Either } from "effect"
import type { DesiredState } from "../domain/desired.js"
import { DocumentRefused } from "../domain/errors.js"
import type { Vocabulary } from "../domain/vocabulary.js"
import type { ParseError } from "./DesiredStateParser.js"
import { parseDesiredState } from "./parseDesiredState.js"
import { READER_LIMITS } from "./readerLimits.js"
import type { TableSpec } from "./TableSpec.js"

/**
 * The parse as the CLI runs it, in its own thread (a small document) or in the parse worker: a document
 * whose nesting, built up over many lines, overflows the parser's stack is refused by the nesting limit
 * like one nested too deep on one line (the shape check bounds only that), never a crash.
 */
export const parseGuarded = (
  text: string,
  file: string,
  spec: TableSpec,
  vocabulary: Vocabulary
): Either.Either<DesiredState, ParseError> => {
  try {
    return parseDesiredState(text, file, spec, vocabulary)
  } catch (error) {
    if (error instanceof RangeError) {
      return Either.left(
        new DocumentRefused({
          file,
          limit: "nesting",
          found: "block quotes, lists or inline markup nested too deep to read",
          bound: `${READER_LIMITS.maxNesting} levels on one line, and what the reader's stack holds`
        })
      )
    }
    throw error
  }
}
