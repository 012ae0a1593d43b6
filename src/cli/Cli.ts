import { Command } from "@effect/cli"
import { describeCommands } from "./commandLine/commandInfo.js"
import { LOG_LEVEL_ENV } from "./commandLine/globalFlags.js"
import { type Invocation, runCommandLine } from "./commandLine/runCommandLine.js"
import { initCommand } from "./init.js"
import { reconcileCommand } from "./reconcile.js"
import { sandboxCommand } from "./sandbox.js"
import { statusCommand } from "./status.js"
import { statusesCommand } from "./statuses.js"
import { validateCommand } from "./validate.js"
import { VERSION } from "./version.js"

const subcommands = [
  reconcileCommand,
  statusCommand,
  statusesCommand,
  validateCommand,
  initCommand,
  sandboxCommand
] as const

const DESCRIPTION = [
  "Keeps OpenProject work package statuses in step with the status table of a markdown plan.",
  "Start with 'op-reconcile validate --source PLAN.md' (offline), then 'op-reconcile reconcile --source " +
    "PLAN.md' (a dry-run: it only reads) and '--apply' to make the transitions."
]

const root = Command.make("op-reconcile").pipe(Command.withSubcommands([...subcommands]))

/**
 * Runs op-reconcile with `argv` as Node gives it (`node op-reconcile.js …`); the terminal and the
 * environment are this process's unless given.
 */
export const run = (argv: ReadonlyArray<string>, invocation: Partial<Omit<Invocation, "args">> = {}) =>
  runCommandLine(
    { root, version: VERSION, description: DESCRIPTION, commands: describeCommands(subcommands) },
    {
      args: argv.slice(2),
      stdinIsTerminal: invocation.stdinIsTerminal ?? process.stdin.isTTY === true,
      logLevelFromEnv: invocation.logLevelFromEnv ?? process.env[LOG_LEVEL_ENV]
    }
  )
