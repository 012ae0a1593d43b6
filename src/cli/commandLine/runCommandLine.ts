import { CliConfig, Command, CommandDescriptor, ValidationError } from "@effect/cli"
import type { CliApp } from "@effect/cli/CliApp"
import { Console, Effect, Logger, LogLevel } from "effect"
import type { CommandInfo } from "./commandInfo.js"
import type { LogLevelName } from "./globalFlags.js"
import { commandHelp, rootHelp } from "./help.js"
import { docText } from "./helpText.js"
import { preflight } from "./preflight.js"
import { UsageError } from "./UsageError.js"

export interface CommandLine<Name extends string, R, E, A> {
  readonly root: Command.Command<Name, R, E, A>
  readonly version: string
  readonly description: ReadonlyArray<string>
  readonly commands: ReadonlyArray<CommandInfo>
}

export interface Invocation {
  /** The arguments after `node op-reconcile.js`. */
  readonly args: ReadonlyArray<string>
  readonly stdinIsTerminal: boolean
  readonly logLevelFromEnv: string | undefined
}

const LEVEL: Record<LogLevelName, LogLevel.LogLevel> = {
  all: LogLevel.All,
  trace: LogLevel.Trace,
  debug: LogLevel.Debug,
  info: LogLevel.Info,
  warning: LogLevel.Warning,
  error: LogLevel.Error,
  fatal: LogLevel.Fatal,
  none: LogLevel.None
}

/** Logs are diagnostics: they go to stderr, so that stdout carries only what was asked for. */
const logsToStderr = Logger.replace(Logger.defaultLogger, Logger.withConsoleError(Logger.logfmtLogger))

const withLogLevel =
  (level: LogLevelName | undefined) =>
  <A, E2, R2>(effect: Effect.Effect<A, E2, R2>): Effect.Effect<A, E2, R2> =>
    (level === undefined ? effect : Logger.withMinimumLogLevel(effect, LEVEL[level])).pipe(Effect.provide(logsToStderr))

/**
 * Runs the command line: our checks and help first (preflight.ts), then @effect/cli's parse of what
 * passed, then the command's handler. Every usage error comes back as a UsageError, printed once by the
 * caller in one shape.
 */
export const runCommandLine = <Name extends string, R, E, A>(
  cli: CommandLine<Name, R, E, A>,
  invocation: Invocation
) => {
  const checked = preflight({ ...invocation, commands: cli.commands })
  switch (checked._tag) {
    case "UsageProblem":
      return Effect.fail(
        new UsageError({
          problem: checked.problem,
          ...(checked.command === undefined ? {} : { command: checked.command })
        })
      )
    case "Help":
      return Console.log(
        checked.command === undefined
          ? rootHelp({ version: cli.version, description: cli.description, commands: cli.commands })
          : commandHelp(checked.command)
      )
    case "BuiltIn":
      // --version, --completions and (on a terminal) --wizard are @effect/cli's own.
      return Command.run(cli.root, { name: "op-reconcile", version: cli.version })([
        "node",
        "op-reconcile",
        ...checked.args
      ]).pipe(
        Effect.catchIf(ValidationError.isValidationError, (e) =>
          Effect.fail(new UsageError({ problem: docText(e.error) }))
        ),
        withLogLevel(checked.logLevel)
      )
    case "Run": {
      const command = checked.args[0]
      const usage = (problem: string) => new UsageError({ problem, ...(command === undefined ? {} : { command }) })
      return Effect.gen(function* () {
        const directive = yield* CommandDescriptor.parse(
          cli.root.descriptor,
          ["op-reconcile", ...checked.args],
          CliConfig.defaultConfig
        ).pipe(Effect.mapError((e) => usage(docText(e.error))))
        if (directive._tag === "BuiltIn") return yield* usage("unexpected built-in option.")
        const [leftover] = directive.leftover
        if (leftover !== undefined) return yield* usage(`unexpected argument '${leftover}'.`)
        return yield* cli.root.transform(cli.root.handler(directive.value), directive.value)
      }).pipe(withLogLevel(checked.logLevel))
    }
  }
}

export type CommandLineEnvironment = CliApp.Environment
