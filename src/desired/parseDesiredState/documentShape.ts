import { Either } from "effect"
import { DocumentRefused } from "../../domain/errors.js"
import { documentShapeProblem } from "./shapeProblem.js"

/** Refuses a document whose shape would make the parser slow or recurse deeply (shapeProblem.ts says which). */
export const checkDocumentShape = (text: string, file: string): Either.Either<void, DocumentRefused> => {
  const problem = documentShapeProblem(text)
  return problem === undefined ? Either.right(undefined) : Either.left(new DocumentRefused({ file, ...problem }))
}
