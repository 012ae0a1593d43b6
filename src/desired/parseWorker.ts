// The worker thread that parses a plan document (see parseInWorker.ts): it reads its request, parses,
// posts the answer and ends. Bundled on its own as dist/parse-worker.js.
import { parentPort, workerData } from "node:worker_threads"
import { Schema } from "effect"
import { parseGuarded } from "./parseGuarded.js"
import { ParseAnswer, ParseRequest } from "./parseWorker/protocol.js"

const request = Schema.decodeUnknownSync(ParseRequest)(workerData)
parentPort?.postMessage(
  Schema.encodeSync(ParseAnswer)(parseGuarded(request.text, request.file, request.spec, request.vocabulary))
)
