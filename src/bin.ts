#!/usr/bin/env node
import * as NodeContext from "@effect/platform-node/NodeContext"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import { Effect } from "effect"
import { run } from "./cli/Cli.js"
import { useColor } from "./cli/color.js"
import { withoutColor } from "./cli/plainConsole.js"
import { EXIT_OK, reportFailure } from "./cli/reportFailure.js"

// The only composition root: platform layers are chosen here, per-command layers in src/cli/.
const cli = run(process.argv).pipe(
  Effect.matchCauseEffect({ onSuccess: () => Effect.succeed(EXIT_OK), onFailure: reportFailure })
)

const main = (useColor(process.stdout) ? cli : withoutColor(cli)).pipe(Effect.provide(NodeContext.layer))

NodeRuntime.runMain(main, {
  disableErrorReporting: true,
  teardown: (exit, onExit) => onExit(exit._tag === "Success" && typeof exit.value === "number" ? exit.value : 1)
})
