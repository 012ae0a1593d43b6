// The worker thread that parses a plan document (see parseInWorker.ts): it reads its request, parses,
// posts the answer and ends. Bundled on its own as dist/parse-worker.js.
import { parentPort, workerData } from "node:worker_threads"
import { Either, Schema } from "effect"
import { DocumentRefused } from "../domain/errors.js"
import { parseDesiredState } from "./parseDesiredState.js"
import { ParseAnswer, ParseRequest } from "./parseWorker/protocol.js"
import { READER_LIMITS } from "./readerLimits.js"

const answer = (request: ParseRequest): ParseAnswer => {
  try {
    return parseDesiredState(request.text, request.file, request.spec, request.vocabulary)
  } catch (error) {
    // The shape check bounds nesting on one line; nesting built up over many lines still ends here.
    if (error instanceof RangeError) {
      return Either.left(
        new DocumentRefused({
          file: request.file,
          limit: "nesting",
          found: "block quotes, lists or inline markup nested too deep to read",
          bound: `${READER_LIMITS.maxNesting} levels on one line, and what the reader's stack holds`
        })
      )
    }
    throw error
  }
}

const request = Schema.decodeUnknownSync(ParseRequest)(workerData)
parentPort?.postMessage(Schema.encodeSync(ParseAnswer)(answer(request)))
