import type { CommandInfo, FlagInfo } from "./commandInfo.js"
import { GLOBAL_FLAGS } from "./globalFlags.js"

/**
 * The help op-reconcile prints: plain text that reads in an 80-column terminal (no line is longer),
 * built from the commands' own definitions (commandInfo.ts), so every flag is in it with its description.
 */

export const HELP_WIDTH = 80

/** Words of `text` in lines of at most `width` characters (a longer word gets a line of its own). */
export const wrap = (text: string, width: number): ReadonlyArray<string> => {
  const lines: Array<string> = []
  let line = ""
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line === "") line = word
    else if (line.length + 1 + word.length <= width) line = `${line} ${word}`
    else {
      lines.push(line)
      line = word
    }
  }
  if (line !== "") lines.push(line)
  return lines
}

const indented = (text: string, indent: number, width = HELP_WIDTH): ReadonlyArray<string> =>
  wrap(text, width - indent).map((l) => `${" ".repeat(indent)}${l}`)

const flagLabel = (f: FlagInfo): string => {
  const names = f.aliases.length > 0 ? `${f.aliases.join(", ")}, ${f.name}` : `    ${f.name}`
  const value = f.placeholder ?? (f.choices.length > 0 ? f.choices.join("|") : undefined)
  return `${names}${value === undefined ? "" : ` ${value}`}`
}

const flagText = (f: FlagInfo): string =>
  [f.description, f.required ? "Required." : "", f.repeatable ? "Repeatable." : ""].filter((s) => s !== "").join(" ")

/** Two columns: the flag, then its description wrapped beside it (or below it when the flag is long). */
const DESCRIPTION_COLUMN = 30

const flagLines = (flags: ReadonlyArray<FlagInfo>): ReadonlyArray<string> =>
  flags.flatMap((f) => {
    const label = `  ${flagLabel(f)}`
    const text = wrap(flagText(f), HELP_WIDTH - DESCRIPTION_COLUMN)
    const pad = " ".repeat(DESCRIPTION_COLUMN)
    if (label.length <= DESCRIPTION_COLUMN - 2 && text.length > 0) {
      const [first, ...more] = text
      return [`${label.padEnd(DESCRIPTION_COLUMN)}${first}`, ...more.map((l) => `${pad}${l}`)]
    }
    return [label, ...text.map((l) => `${pad}${l}`)]
  })

const section = (title: string, lines: ReadonlyArray<string>): ReadonlyArray<string> =>
  lines.length === 0 ? [] : ["", title, ...lines]

const usageLine = (command: CommandInfo): ReadonlyArray<string> => {
  const required = command.flags
    .filter((f) => f.required)
    .map((f) => `${f.name}${f.placeholder === undefined ? "" : ` ${f.placeholder}`}`)
  const optional = command.flags.some((f) => !f.required) ? ["[options]"] : []
  const text = ["op-reconcile", command.name, ...required, ...optional].join(" ")
  const [first, ...more] = wrap(text, HELP_WIDTH - "USAGE: ".length)
  return [`USAGE: ${first ?? ""}`, ...more.map((l) => `       ${l}`)]
}

const paragraphsText = (paragraphs: ReadonlyArray<string>): ReadonlyArray<string> =>
  paragraphs.flatMap((p, i) => [...(i === 0 ? [] : [""]), ...wrap(p, HELP_WIDTH)])

/** `op-reconcile COMMAND --help`. */
export const commandHelp = (command: CommandInfo): string =>
  [
    ...usageLine(command),
    ...(command.description.length === 0 ? [] : ["", ...paragraphsText(command.description)]),
    ...section("OPTIONS", flagLines(command.flags)),
    ...section("GLOBAL OPTIONS", flagLines(GLOBAL_FLAGS)),
    ""
  ].join("\n")

/** The first sentence of a command's description: its line in the root help. */
const summary = (command: CommandInfo): string => {
  const first = command.description[0] ?? ""
  const end = first.search(/\.(\s|$)/)
  return end === -1 ? first : first.slice(0, end + 1)
}

/** `op-reconcile --help`. */
export const rootHelp = (input: {
  readonly version: string
  readonly description: ReadonlyArray<string>
  readonly commands: ReadonlyArray<CommandInfo>
}): string => {
  const nameWidth = Math.max(...input.commands.map((c) => c.name.length)) + 4
  const commandLines = input.commands.flatMap((c) => {
    const [first, ...more] = wrap(summary(c), HELP_WIDTH - 2 - nameWidth)
    return [`  ${c.name.padEnd(nameWidth)}${first ?? ""}`, ...more.map((l) => `${" ".repeat(2 + nameWidth)}${l}`)]
  })
  return [
    ...wrap(`op-reconcile ${input.version}`, HELP_WIDTH),
    ...(input.description.length === 0 ? [] : ["", ...paragraphsText(input.description)]),
    "",
    "USAGE: op-reconcile COMMAND [options]",
    ...section("COMMANDS", commandLines),
    ...section("GLOBAL OPTIONS", flagLines(GLOBAL_FLAGS)),
    "",
    ...indented("Run 'op-reconcile COMMAND --help' for the options of a command.", 0),
    ""
  ].join("\n")
}
