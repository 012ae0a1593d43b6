import type { CommandInfo, FlagInfo } from "./commandInfo.js"
import { closest } from "./didYouMean.js"
import { GLOBAL_FLAGS, isLogLevel, LOG_LEVEL_ENV, LOG_LEVELS, type LogLevelName } from "./globalFlags.js"

/**
 * Reads the command line before @effect/cli parses it, so that every usage error has one shape and a
 * "did you mean", global flags work in any position, and help is ours. Pure: the same arguments, the same
 * answer. What passes here is handed to @effect/cli unchanged, minus the flags handled here.
 */

export interface PreflightInput {
  /** The arguments after `node op-reconcile.js`. */
  readonly args: ReadonlyArray<string>
  readonly commands: ReadonlyArray<CommandInfo>
  readonly stdinIsTerminal: boolean
  /** The value of OP_RECONCILE_LOG_LEVEL, if set. */
  readonly logLevelFromEnv: string | undefined
}

export type Preflight =
  /** Print the help of this command (or of op-reconcile) on stdout. */
  | { readonly _tag: "Help"; readonly command: CommandInfo | undefined; readonly logLevel: LogLevelName | undefined }
  | { readonly _tag: "UsageProblem"; readonly problem: string; readonly command: string | undefined }
  /** `--version`, `--completions`, `--wizard`: handled by @effect/cli itself. */
  | { readonly _tag: "BuiltIn"; readonly args: ReadonlyArray<string>; readonly logLevel: LogLevelName | undefined }
  | { readonly _tag: "Run"; readonly args: ReadonlyArray<string>; readonly logLevel: LogLevelName | undefined }

const quoted = (s: string) => `'${s}'`

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1)

const didYouMean = (word: string, known: ReadonlyArray<string>): string => {
  const guess = closest(word, known)
  return guess === undefined ? "" : ` Did you mean ${quoted(guess)}?`
}

const oneOf = (values: ReadonlyArray<string>): string =>
  values.length <= 1 ? values.join("") : `${values.slice(0, -1).join(", ")} or ${values[values.length - 1]}`

class Problem {
  constructor(
    readonly problem: string,
    readonly command: string | undefined
  ) {}
}

const findFlag = (flags: ReadonlyArray<FlagInfo>, name: string): FlagInfo | undefined =>
  flags.find((f) => f.name === name || f.aliases.includes(name))

/** Why `value` is not a value of `flag`, in plain words; undefined when it is one. */
const badValue = (flag: FlagInfo, value: string): string | undefined => {
  switch (flag.kind) {
    case "integer":
      return /^[+-]?\d+$/.test(value.trim()) ? undefined : `${flag.name} takes a whole number, not ${quoted(value)}.`
    case "float":
      return value.trim() !== "" && Number.isFinite(Number(value))
        ? undefined
        : `${flag.name} takes a number, not ${quoted(value)}.`
    case "choice":
      return flag.choices.includes(value)
        ? undefined
        : `${flag.name} must be ${oneOf(flag.choices)}, not ${quoted(value)}.${didYouMean(value, flag.choices)}`
    default:
      return undefined
  }
}

const API_KEY_FLAG = "--api-key"

const unknownFlag = (name: string, command: CommandInfo): Problem => {
  if (name === API_KEY_FLAG) {
    return new Problem(
      `${command.name} has no ${API_KEY_FLAG}: the API key is read only from the environment variable ` +
        "OPENPROJECT_API_KEY, so that it never shows in the process list or the shell history " +
        `(OPENPROJECT_API_KEY=… op-reconcile ${command.name} …; in CI, a secret).`,
      command.name
    )
  }
  const known = [...command.flags, ...GLOBAL_FLAGS].flatMap((f) => [f.name, ...f.aliases])
  return new Problem(
    `unknown flag ${quoted(name)} for 'op-reconcile ${command.name}'.${didYouMean(name, known)}`,
    command.name
  )
}

const flagBeforeCommand = (name: string, commands: ReadonlyArray<CommandInfo>): Problem => {
  const owners = commands.filter((c) => findFlag(c.flags, name) !== undefined).map((c) => c.name)
  if (owners.length > 0) {
    return new Problem(
      `${name} goes after the command: op-reconcile ${owners[0]} ${name} … (it is a flag of ${oneOf(owners)}).`,
      undefined
    )
  }
  const known = GLOBAL_FLAGS.flatMap((f) => [f.name, ...f.aliases])
  const guess = didYouMean(name, known)
  return new Problem(
    `unknown flag ${quoted(name)}.${guess === "" ? ` A command comes first: ${oneOf(commands.map((c) => c.name))}.` : guess}`,
    undefined
  )
}

const unknownCommand = (word: string, commands: ReadonlyArray<CommandInfo>): Problem => {
  const names = commands.map((c) => c.name)
  const guess = didYouMean(word, names)
  return new Problem(
    `unknown command ${quoted(word)}.${guess === "" ? ` The commands are ${oneOf(names)}.` : guess}`,
    undefined
  )
}

interface Scan {
  readonly command: CommandInfo | undefined
  /** The arguments for @effect/cli: the command and its flags, without the ones handled here. */
  readonly rest: ReadonlyArray<string>
  readonly seen: ReadonlySet<string>
  readonly help: boolean
  readonly builtIn: boolean
  readonly wizard: boolean
  readonly logLevel: string | undefined
}

const scan = (input: PreflightInput): Scan | Problem => {
  const { args, commands } = input
  let command: CommandInfo | undefined
  const rest: Array<string> = []
  const seen = new Set<string>()
  let help = false
  let builtIn = false
  let wizard = false
  let logLevel: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ""
    if (arg.startsWith("-") && arg !== "-") {
      const eq = arg.startsWith("--") ? arg.indexOf("=") : -1
      const name = eq === -1 ? arg : arg.slice(0, eq)
      const inline = eq === -1 ? undefined : arg.slice(eq + 1)
      const global = findFlag(GLOBAL_FLAGS, name)
      const flag = command === undefined ? undefined : findFlag(command.flags, name)
      const known = flag ?? global
      if (known === undefined)
        return command === undefined ? flagBeforeCommand(name, commands) : unknownFlag(name, command)
      let value: string | undefined
      if (known.kind === "boolean") {
        if (inline !== undefined) return new Problem(`${known.name} takes no value (remove =${inline}).`, command?.name)
      } else {
        value = inline ?? args[i + 1]
        if (inline === undefined) i++
        const needs = `${known.name} needs a value (${known.placeholder ?? oneOf(known.choices)})`
        if (value === undefined) return new Problem(`${needs}.`, command?.name)
        const takenFlag = value.startsWith("--") ? value.split("=")[0] : undefined
        if (
          takenFlag !== undefined &&
          (findFlag(GLOBAL_FLAGS, takenFlag) ?? findFlag(command?.flags ?? [], takenFlag))
        ) {
          return new Problem(`${needs}; ${quoted(value)} is a flag.`, command?.name)
        }
        const bad = badValue(known, value)
        if (bad !== undefined) return new Problem(bad, command?.name)
      }
      if (flag === undefined) {
        // A global flag: handled here, or by @effect/cli's built-ins.
        if (known.name === "--log-level") logLevel = value
        else if (known.name === "--help") help = true
        else if (known.name === "--wizard") wizard = true
        else builtIn = true
        if (known.name === "--version" || known.name === "--completions" || known.name === "--wizard") {
          rest.push(known.name, ...(value === undefined ? [] : [value]))
        }
        continue
      }
      seen.add(flag.name)
      rest.push(flag.name, ...(value === undefined ? [] : [value]))
      continue
    }
    if (command === undefined) {
      if (arg === "help") {
        help = true
        const topic = args[i + 1]
        if (topic === undefined) continue
        const about = commands.find((c) => c.name === topic)
        if (about === undefined) return unknownCommand(topic, commands)
        command = about
        i++
        continue
      }
      const found = commands.find((c) => c.name === arg)
      if (found === undefined) return unknownCommand(arg, commands)
      command = found
      rest.push(arg)
      continue
    }
    return new Problem(
      `unexpected argument ${quoted(arg)}: 'op-reconcile ${command.name}' takes only flags` +
        (args[i - 1]?.startsWith("-") ? ` (is ${quoted(args[i - 1] ?? "")} missing its value, or is it a typo?)` : "") +
        ".",
      command.name
    )
  }
  return { command, rest, seen, help, builtIn, wizard, logLevel }
}

export const preflight = (input: PreflightInput): Preflight => {
  const scanned = scan(input)
  if (scanned instanceof Problem) {
    return { _tag: "UsageProblem", problem: scanned.problem, command: scanned.command }
  }
  const { command } = scanned
  const fromEnv = input.logLevelFromEnv?.trim().toLowerCase()
  if (scanned.logLevel === undefined && fromEnv !== undefined && fromEnv !== "" && !isLogLevel(fromEnv)) {
    return {
      _tag: "UsageProblem",
      problem: `${LOG_LEVEL_ENV}=${input.logLevelFromEnv} is not a log level; use ${oneOf(LOG_LEVELS)}.`,
      command: undefined
    }
  }
  const level = scanned.logLevel ?? (fromEnv === "" ? undefined : fromEnv)
  const logLevel = level !== undefined && isLogLevel(level) ? level : undefined
  if (scanned.help || (command === undefined && !scanned.builtIn && !scanned.wizard)) {
    return { _tag: "Help", command, logLevel }
  }
  if (scanned.wizard && !input.stdinIsTerminal) {
    return {
      _tag: "UsageProblem",
      problem:
        "--wizard asks its questions on a terminal, and stdin is not one (a pipe, a file or CI). " +
        "Pass the options on the command line instead.",
      command: command?.name
    }
  }
  if (scanned.builtIn || scanned.wizard) return { _tag: "BuiltIn", args: scanned.rest, logLevel }
  if (command !== undefined) {
    const missing = command.flags.filter((f) => f.required && !scanned.seen.has(f.name))
    const first = missing[0]
    if (first !== undefined) {
      return {
        _tag: "UsageProblem",
        problem:
          `${command.name} needs ${first.name} ${first.placeholder ?? ""}`.trimEnd() +
          (first.description === "" ? "." : `: ${lowerFirst(first.description.replace(/\.$/, ""))}.`),
        command: command.name
      }
    }
  }
  return { _tag: "Run", args: scanned.rest, logLevel }
}
