// The worker thread that parses a plan document (see parseJob.ts): it is given the document's text and
// parses it at once; then, asked which table to read (the file's name, the table spec and the vocabulary,
// which the CLI may know only later), it posts the reading as plain data and ends. Bundled on its own as
// dist/parse-worker.js, with the markdown parser and the pure reader and nothing else (no effect), so that
// it starts in a few milliseconds.
import { parentPort, workerData } from "node:worker_threads"
import { documentTablesGuarded } from "./parseDesiredState/documentTables.js"
import type { ReadRequest } from "./parseJob.js"
import { readTrackingTable } from "./readTrackingTable.js"

const text: unknown = workerData
// Anything but text is a bug of the main thread; no answer makes the main thread say so.
if (typeof text === "string") {
  const tables = documentTablesGuarded(text)
  parentPort?.once("message", (request: ReadRequest) =>
    parentPort?.postMessage(readTrackingTable(tables, request.file, request.spec, request.vocabulary))
  )
}
