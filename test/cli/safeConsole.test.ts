import { describe, expect, it } from "@effect/vitest"
import { Console, Effect, Logger, LogLevel } from "effect"
import { printWorkflowCommands, withSafeOutput } from "../../src/cli/safeConsole.js"
import { replayOutput } from "../support/actionsRunner.js"
import { capturingConsole } from "../support/capturingConsole.js"
import { ALL_HOSTILE } from "../support/hostileText.js"

const printed = <A, E>(effect: Effect.Effect<A, E>) =>
  Effect.gen(function* () {
    const { console, captured } = capturingConsole()
    yield* Effect.exit(withSafeOutput(effect).pipe(Effect.withConsole(console)))
    return { stdout: captured.stdout.join("\n"), stderr: captured.stderr.join("\n") }
  })

describe("the CLI's console", () => {
  it.effect("lets no hostile text form a command on stdout or stderr, whatever prints it", () =>
    Effect.gen(function* () {
      const output = yield* printed(
        Effect.all([
          Console.log(ALL_HOSTILE),
          Console.error(ALL_HOSTILE),
          Console.info(ALL_HOSTILE),
          Console.warn(ALL_HOSTILE),
          Console.log("a", ALL_HOSTILE, 42),
          Effect.logError(ALL_HOSTILE).pipe(Logger.withMinimumLogLevel(LogLevel.All))
        ])
      )
      expect(output.stdout).toContain("## [stop-commands]")
      expect(replayOutput(output)).toEqual([])
    })
  )

  it.effect("prints op-reconcile's own annotations as commands, and nothing else in the same run", () =>
    Effect.gen(function* () {
      const output = yield* printed(
        Effect.all([
          Console.log(`::error::${ALL_HOSTILE}`),
          printWorkflowCommands(["::warning file=plan.md,line=3,title=op-reconcile%3A x::a row ##[add-mask]b"]),
          Console.log("::notice::not ours")
        ])
      )
      expect(replayOutput(output).map((c) => ({ command: c.command, data: c.data }))).toEqual([
        { command: "warning", data: "a row ## [add-mask]b" }
      ])
    })
  )
})
