import type { FlagInfo } from "./commandInfo.js"

/** The log levels `--log-level` and OP_RECONCILE_LOG_LEVEL accept (Effect's, in its order). */
export const LOG_LEVELS = ["all", "trace", "debug", "info", "warning", "error", "fatal", "none"] as const
export type LogLevelName = (typeof LOG_LEVELS)[number]

export const LOG_LEVEL_ENV = "OP_RECONCILE_LOG_LEVEL"

const flag = (f: Partial<FlagInfo> & Pick<FlagInfo, "name" | "description">): FlagInfo => ({
  aliases: [],
  kind: "boolean",
  placeholder: undefined,
  choices: [],
  required: false,
  repeatable: false,
  ...f
})

/** Flags every command takes, in any position on the command line. */
export const GLOBAL_FLAGS: ReadonlyArray<FlagInfo> = [
  flag({
    name: "--log-level",
    kind: "choice",
    placeholder: "LEVEL",
    choices: LOG_LEVELS,
    description:
      "Log to stderr from this level on (default: info); debug shows each request (method, path, " +
      `status, time). Also read from ${LOG_LEVEL_ENV}; the flag wins.`
  }),
  flag({ name: "--help", aliases: ["-h"], description: "Show this help (also: op-reconcile help COMMAND)." }),
  flag({ name: "--version", description: "Print the version of op-reconcile." }),
  flag({
    name: "--completions",
    kind: "choice",
    placeholder: "SHELL",
    choices: ["bash", "sh", "fish", "zsh"],
    description: "Print a shell completion script (bash, fish or zsh); see the README."
  }),
  flag({ name: "--wizard", description: "Ask for each option interactively (only on a terminal)." })
]

export const isLogLevel = (value: string): value is LogLevelName =>
  (LOG_LEVELS as ReadonlyArray<string>).includes(value)
