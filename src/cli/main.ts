import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import { Console, Effect, Layer, Option, Ref } from "effect"
import { DesiredStateParser } from "../desired/DesiredStateParser.js"
import { parseWorkerAt } from "../desired/parseJob.js"
import { Progress } from "../progress/Progress.js"
import { run } from "./Cli.js"
import { useColor } from "./color.js"
import { withoutColor } from "./plainConsole.js"
import { stderrProgress } from "./progress/stderrProgress.js"
import { EXIT_OK, reportFailure } from "./reportFailure.js"
import { StopNotice } from "./StopNotice.js"
import { withSafeOutput } from "./safeConsole.js"
import { runAsProcess } from "./signals.js"

// The bundle parses a plan document larger than a few pages in a worker thread (dist/parse-worker.js; this
// module is a chunk in dist/chunks/), so a signal is answered at once whatever the document, and a small
// one in this thread (src/desired/DesiredStateParser.ts says why); run from the sources (`npm run dev`),
// there is no bundled worker and every parse runs in this thread.
const parseWorker = parseWorkerAt(new URL("../parse-worker.js", import.meta.url))
const withParser = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  parseWorker === undefined
    ? effect
    : Effect.provideService(effect, DesiredStateParser, DesiredStateParser.bounded(parseWorker))

// The platform services every command may use: files, paths and the terminal (@effect/cli's prompts).
// Not NodeContext's whole set: its worker pool is used by no command, and running `git` (its command
// executor, node:child_process) only by reconcile, which provides it itself (reconcile/runReconcile.ts), so
// that other commands do not evaluate them at start-up.
const platform = Layer.mergeAll(NodePath.layer, NodeTerminal.layer).pipe(Layer.provideMerge(NodeFileSystem.layer))

// The composition root, loaded by src/bin.ts for every run it cannot answer from dist/help/: platform
// layers are chosen here, per-command layers in src/cli/.
const main = Effect.gen(function* () {
  const notice = yield* StopNotice.make
  const progress = yield* stderrProgress
  const cli = run(process.argv).pipe(
    Effect.matchCauseEffect({ onSuccess: () => Effect.succeed(EXIT_OK), onFailure: reportFailure }),
    Effect.provideService(Progress, progress),
    Effect.provideService(StopNotice, notice),
    withParser,
    // Stopped by a signal: say what was done before the stop (signals.ts chooses the exit code).
    Effect.onInterrupt(() =>
      Ref.get(notice).pipe(Effect.flatMap(Option.match({ onNone: () => Effect.void, onSome: Console.error })))
    )
  )
  // Colour codes are dropped first (off a terminal), then every line is made safe for a terminal and a CI log.
  return yield* withSafeOutput(useColor(process.stdout) ? cli : withoutColor(cli))
}).pipe(Effect.provide(platform))

runAsProcess(main)
