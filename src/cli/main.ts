import * as NodeContext from "@effect/platform-node/NodeContext"
import { Console, Effect, Option, Ref } from "effect"
import { run } from "./Cli.js"
import { useColor } from "./color.js"
import { withoutColor } from "./plainConsole.js"
import { EXIT_OK, reportFailure } from "./reportFailure.js"
import { StopNotice } from "./StopNotice.js"
import { runAsProcess } from "./signals.js"

// The composition root, loaded by src/bin.ts for every run it cannot answer from dist/help/: platform
// layers are chosen here, per-command layers in src/cli/.
const main = Effect.gen(function* () {
  const notice = yield* StopNotice.make
  const cli = run(process.argv).pipe(
    Effect.matchCauseEffect({ onSuccess: () => Effect.succeed(EXIT_OK), onFailure: reportFailure }),
    Effect.provideService(StopNotice, notice),
    // Stopped by a signal: say what was done before the stop (signals.ts chooses the exit code).
    Effect.onInterrupt(() =>
      Ref.get(notice).pipe(Effect.flatMap(Option.match({ onNone: () => Effect.void, onSome: Console.error })))
    )
  )
  return yield* useColor(process.stdout) ? cli : withoutColor(cli)
}).pipe(Effect.provide(NodeContext.layer))

runAsProcess(main)
