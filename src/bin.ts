#!/usr/bin/env node
// The entry point, kept to what every run needs before it knows what was asked: `--version` and `--help`
// are answered from text rendered at build time; a run that reads a plan named on the command line starts
// parsing it in a worker thread at once (src/desired/earlyParse.ts); everything else loads the CLI
// (src/cli/main.ts).
import { enableCompileCache } from "./cli/startup/compileCache.js"
import { answerQuickly } from "./cli/startup/quickAnswer.js"
import { startEarlyParse } from "./desired/earlyParse.js"
import { parseWorkerAt } from "./desired/parseJob.js"

enableCompileCache()
const args = process.argv.slice(2)
if (!answerQuickly(args, new URL("./help/", import.meta.url))) {
  const parseWorker = parseWorkerAt(new URL("./parse-worker.js", import.meta.url))
  if (parseWorker !== undefined) startEarlyParse(args, parseWorker)
  // Not awaited: the bundle is CommonJS (no top-level await), and nothing follows the CLI here.
  void import("./cli/main.js")
}
