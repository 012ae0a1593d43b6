// The worker thread that parses a plan document (see parseJob.ts): it is given the document's text and
// parses it at once; then, asked which table to read (the file's name, the table spec and the vocabulary,
// which the CLI may know only later), it posts the reading as plain data and ends. Asked while the parse
// still runs (it looks between the slices of a long table), it sends the tracking table's rows ahead as
// each slice is read, so the main thread decodes them meanwhile (parseWorker/streamedReading.ts). Bundled
// on its own as dist/parse-worker.js, with the markdown parser and the pure reader and nothing else (no
// effect), so that it starts in a few milliseconds.
import { parentPort, receiveMessageOnPort, workerData } from "node:worker_threads"
import { documentTablesGuarded } from "./parseDesiredState/documentTables.js"
import type { ReadRequest } from "./parseJob.js"
import { streamedReading } from "./parseWorker/streamedReading.js"

const text: unknown = workerData
const port = parentPort
// Anything but text is a bug of the main thread; no answer makes the main thread say so.
if (typeof text === "string" && port !== null) {
  const stream = streamedReading((message) => port.postMessage(message))
  // The main thread sends one message, the read request: taken here when it has come, without waiting.
  const look = () => {
    if (stream.request() !== undefined) return
    const received = receiveMessageOnPort(port)
    if (received === undefined) return
    const request: ReadRequest = received.message
    stream.requested(request)
  }
  const tables = documentTablesGuarded(text, (all, table, rows) => {
    look()
    stream.onSlice(all, table, rows)
  })
  look()
  const answer = (request: ReadRequest) => port.postMessage(stream.answer(tables, request))
  const asked = stream.request()
  if (asked !== undefined) answer(asked)
  else port.once("message", answer)
}
