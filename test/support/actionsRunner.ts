/**
 * A port of how the GitHub Actions runner finds workflow commands in a step's output (actions/runner:
 * src/Runner.Common/ActionCommand.cs TryParseV2 and TryParse, src/Runner.Worker/ActionCommandManager.cs
 * TryProcessCommand), for replaying what op-reconcile prints:
 * - the output is split into lines at LF, CR and CR LF (StreamReader.ReadLine);
 * - `::name props::data`, after leading white space is trimmed (char.IsWhiteSpace), is tried first;
 * - `##[name props]data` anywhere in the line is tried next;
 * - `stop-commands` with data TOKEN turns every command off until a line that is `::TOKEN::` after a trim.
 *
 * The runner only acts on its registered commands; `strict` treats any name as one, so a test fails on
 * anything that looks like a command, not only on the ones a runner of today would execute.
 */

export interface ParsedCommand {
  readonly command: string
  readonly properties: Readonly<Record<string, string>>
  readonly data: string
  readonly syntax: "::" | "##["
  readonly stream: "stdout" | "stderr"
  readonly line: string
}

/** Commands the runner registers (ActionCommandManager and its extensions), compared without regard to case. */
export const REGISTERED_COMMANDS: ReadonlySet<string> = new Set([
  "add-mask",
  "add-matcher",
  "remove-matcher",
  "add-path",
  "set-env",
  "set-output",
  "save-state",
  "debug",
  "notice",
  "warning",
  "error",
  "group",
  "endgroup",
  "echo",
  "stop-commands",
  "internal-set-repo-path"
])

// .NET's char.IsWhiteSpace
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const DOTNET_WHITE_SPACE = /^[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/
const trimStartDotNet = (s: string): string => s.replace(DOTNET_WHITE_SPACE, "")
const trimDotNet = (s: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: white space of .NET includes controls
  trimStartDotNet(s).replace(/[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/, "")

const unescapeData = (s: string): string => s.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%25/gi, "%")
const unescapeProperty = (s: string): string =>
  s.replace(/%0D/gi, "\r").replace(/%0A/gi, "\n").replace(/%3A/gi, ":").replace(/%2C/gi, ",").replace(/%25/gi, "%")

interface Parsed {
  readonly command: string
  readonly properties: Record<string, string>
  readonly data: string
}

const known = (name: string, strict: boolean): boolean =>
  name.length > 0 && (strict || REGISTERED_COMMANDS.has(name.toLowerCase()))

/** ActionCommand.TryParseV2 */
export const parseV2 = (input: string, strict: boolean): Parsed | undefined => {
  if (input === "") return undefined
  const message = trimStartDotNet(input)
  if (!message.startsWith("::")) return undefined
  const endIndex = message.indexOf("::", 2)
  if (endIndex < 0) return undefined
  const cmdInfo = message.slice(2, endIndex)
  const spaceIndex = cmdInfo.indexOf(" ")
  const command = spaceIndex < 0 ? cmdInfo : cmdInfo.slice(0, spaceIndex)
  if (!known(command, strict)) return undefined
  const properties: Record<string, string> = {}
  if (spaceIndex > 0) {
    for (const pair of trimDotNet(cmdInfo.slice(spaceIndex + 1))
      .split(",")
      .filter((p) => p !== "")) {
      const eq = pair.indexOf("=")
      const key = eq < 0 ? pair : pair.slice(0, eq)
      const value = eq < 0 ? "" : pair.slice(eq + 1)
      if (key !== "" && value !== "") properties[key] = unescapeProperty(value)
    }
  }
  return { command, properties, data: unescapeData(message.slice(endIndex + 2)) }
}

/** ActionCommand.TryParse (the legacy `##[` syntax, found anywhere in the line) */
export const parseV1 = (message: string, strict: boolean): Parsed | undefined => {
  if (message === "") return undefined
  const prefixIndex = message.indexOf("##[")
  if (prefixIndex < 0) return undefined
  const rbIndex = message.indexOf("]", prefixIndex)
  if (rbIndex < 0) return undefined
  const cmdInfo = message.slice(prefixIndex + 3, rbIndex)
  const spaceIndex = cmdInfo.indexOf(" ")
  const command = spaceIndex < 0 ? cmdInfo : cmdInfo.slice(0, spaceIndex)
  if (!known(command, strict)) return undefined
  const properties: Record<string, string> = {}
  if (spaceIndex > 0) {
    for (const pair of cmdInfo
      .slice(spaceIndex + 1)
      .split(";")
      .filter((p) => p !== "")) {
      const eq = pair.indexOf("=")
      const key = eq < 0 ? pair : pair.slice(0, eq)
      const value = eq < 0 ? "" : pair.slice(eq + 1)
      if (key !== "" && value !== "") properties[key] = value
    }
  }
  return { command, properties, data: message.slice(rbIndex + 1) }
}

/** The lines the runner reads from one stream. */
export const runnerLines = (output: string): ReadonlyArray<string> => {
  const lines = output.split(/\r\n|\r|\n/)
  if (lines.length > 0 && lines[lines.length - 1] === "") lines.pop()
  return lines
}

export interface ReplayOptions {
  /** Treat any command name as a command (default true). */
  readonly strict?: boolean
}

/**
 * Every command the runner would process in this output, stdout first, then stderr (the runner shares the
 * stop-commands state between both streams; in strict mode a stop-commands is itself a finding).
 */
export const replayOutput = (
  output: { readonly stdout: string; readonly stderr: string },
  options: ReplayOptions = {}
): ReadonlyArray<ParsedCommand> => {
  const strict = options.strict ?? true
  const found: Array<ParsedCommand> = []
  let stopToken: string | undefined
  for (const stream of ["stdout", "stderr"] as const) {
    for (const line of runnerLines(output[stream])) {
      if (stopToken !== undefined) {
        if (trimDotNet(line).toLowerCase() === `::${stopToken}::`.toLowerCase()) stopToken = undefined
        continue
      }
      const v2 = parseV2(line, strict)
      const parsed = v2 ?? parseV1(line, strict)
      if (parsed === undefined) continue
      found.push({ ...parsed, syntax: v2 === undefined ? "##[" : "::", stream, line })
      if (parsed.command.toLowerCase() === "stop-commands" && parsed.data !== "") stopToken = parsed.data
    }
  }
  return found
}
