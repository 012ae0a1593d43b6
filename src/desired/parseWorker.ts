// The worker thread that parses a plan document (see parseJob.ts): it is given the document's text, posts
// its tables (or the bound the document goes past) and ends. Bundled on its own as dist/parse-worker.js,
// with the markdown parser and nothing else (no effect), so that it starts in a few milliseconds.
import { parentPort, workerData } from "node:worker_threads"
import { documentTablesGuarded } from "./parseDesiredState/documentTables.js"

const text: unknown = workerData
// Anything but text is a bug of the main thread; no answer makes the main thread say so.
if (typeof text === "string") parentPort?.postMessage(documentTablesGuarded(text))
