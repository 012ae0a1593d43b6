#!/usr/bin/env node
// The entry point, kept to what every run needs before it knows what was asked: `--version` and `--help`
// are answered from text rendered at build time, everything else loads the CLI (src/cli/main.ts).
import { enableCompileCache } from "./cli/startup/compileCache.js"
import { answerQuickly } from "./cli/startup/quickAnswer.js"

enableCompileCache()
if (!answerQuickly(process.argv.slice(2), new URL("./help/", import.meta.url))) await import("./cli/main.js")
