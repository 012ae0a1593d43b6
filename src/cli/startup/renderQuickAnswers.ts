import * as NodeContext from "@effect/platform-node/NodeContext"
import { Console, Effect } from "effect"
import { run } from "../Cli.js"
import { QUICK_FORMS } from "./quickAnswer.js"

/**
 * What the CLI prints, colour codes included, for one argument list: run in-process with a console that
 * keeps the text. `npm run build` writes these into dist/help/ for the quick answers of src/bin.ts, and
 * the tests compare the bundle's quick answers with them.
 */
export const renderCliOutput = (args: ReadonlyArray<string>): Effect.Effect<string> =>
  Effect.gen(function* () {
    const lines: Array<string> = []
    const keep = (...parts: ReadonlyArray<unknown>) =>
      Effect.sync(() => void lines.push(`${parts.map(String).join(" ")}\n`))
    const console = yield* Console.consoleWith(Effect.succeed)
    yield* run(["node", "op-reconcile", ...args], { stdinIsTerminal: false, logLevelFromEnv: undefined }).pipe(
      Effect.withConsole({ ...console, log: keep, info: keep }),
      Effect.provide(NodeContext.layer),
      Effect.orDie
    )
    return lines.join("")
  })

/** Every quick answer, by the file of dist/help/ it goes to. */
export const renderQuickAnswers: Effect.Effect<ReadonlyMap<string, string>> = Effect.map(
  Effect.forEach(QUICK_FORMS, (form) => Effect.map(renderCliOutput(form.args), (text) => [form.file, text] as const)),
  (entries) => new Map(entries)
)

/** For scripts/build.mjs, which runs this module from a bundle of its own. */
export const renderQuickAnswerFiles = (): Promise<ReadonlyMap<string, string>> => Effect.runPromise(renderQuickAnswers)
