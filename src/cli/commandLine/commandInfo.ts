import { CliConfig, CommandDescriptor, type HelpDoc, type Usage } from "@effect/cli"
import { Option } from "effect"
import { paragraphs, spanText } from "./helpText.js"

/**
 * What the command line knows about each command, read from the @effect/cli definitions themselves (their
 * usage and help documents), so that a flag added to a command is known to the checks and the help at once.
 */

export type FlagKind = "boolean" | "text" | "integer" | "float" | "choice"

export interface FlagInfo {
  /** The long name, e.g. `--source`. */
  readonly name: string
  /** Short names, e.g. `-s`. */
  readonly aliases: ReadonlyArray<string>
  readonly kind: FlagKind
  /** What the value is called in help (`FILE`, `N`); absent for a boolean flag. */
  readonly placeholder: string | undefined
  readonly choices: ReadonlyArray<string>
  readonly required: boolean
  readonly repeatable: boolean
  readonly description: string
}

export interface CommandInfo {
  readonly name: string
  /** The paragraphs of the command's description. */
  readonly description: ReadonlyArray<string>
  readonly flags: ReadonlyArray<FlagInfo>
}

interface NamedUsage {
  readonly names: ReadonlyArray<string>
  readonly accepted: string | undefined
  readonly optional: boolean
  readonly repeated: boolean
}

const namedUsages = (usage: Usage.Usage, optional = false, repeated = false): ReadonlyArray<NamedUsage> => {
  switch (usage._tag) {
    case "Empty":
    case "Mixed":
      return []
    case "Named":
      return [{ names: usage.names, accepted: Option.getOrUndefined(usage.acceptedValues), optional, repeated }]
    case "Optional":
      return namedUsages(usage.usage, true, repeated)
    case "Repeated":
      return namedUsages(usage.usage, true, true)
    case "Alternation":
      return [...namedUsages(usage.left, true, repeated), ...namedUsages(usage.right, true, repeated)]
    case "Concat":
      return [...namedUsages(usage.left, optional, repeated), ...namedUsages(usage.right, optional, repeated)]
  }
}

const kindOf = (accepted: string | undefined): FlagKind => {
  if (accepted === undefined) return "boolean"
  if (accepted === "integer") return "integer"
  if (accepted === "float") return "float"
  return accepted.includes(" | ") ? "choice" : "text"
}

const PLACEHOLDER: Record<FlagKind, string | undefined> = {
  boolean: undefined,
  integer: "N",
  float: "N",
  choice: undefined,
  text: "TEXT"
}

// What @effect/cli adds to every option's help on its own; our descriptions say it better.
const GENERATED = [
  /^A user-defined piece of text\.$/,
  /^A true or false value\.$/,
  /^An integer\.$/,
  /^A floating point number\.$/,
  /^One of the following: /,
  /^A file name\.|^A file path\.|^A path to a file\./,
  /^This setting is optional\./,
  /^This option may be repeated/,
  /^A user-defined piece of text that is confidential\.$/
]

/** The description written for each long flag name, from the command's help document. */
const descriptions = (doc: HelpDoc.HelpDoc, into: Map<string, string>): void => {
  switch (doc._tag) {
    case "DescriptionList":
      for (const [span, inner] of doc.definitions) {
        const name = /--[A-Za-z0-9][\w-]*/.exec(spanText(span))?.[0]
        if (name === undefined) continue
        const text = paragraphs(inner)
          .map((p) => p.trim())
          .filter((p) => p.length > 0 && !GENERATED.some((g) => g.test(p)))
          .join(" ")
        into.set(name, text)
      }
      return
    case "Sequence":
      descriptions(doc.left, into)
      descriptions(doc.right, into)
      return
    default:
      return
  }
}

/** The paragraphs under the command's DESCRIPTION header. */
const descriptionParagraphs = (doc: HelpDoc.HelpDoc): ReadonlyArray<string> => {
  const out: Array<string> = []
  let inDescription = false
  const walk = (d: HelpDoc.HelpDoc): void => {
    if (d._tag === "Sequence") {
      walk(d.left)
      walk(d.right)
    } else if (d._tag === "Header") {
      inDescription = spanText(d.value).trim() === "DESCRIPTION"
    } else if (d._tag === "Paragraph" && inDescription) {
      out.push(spanText(d.value).trim())
    }
  }
  walk(doc)
  return out.filter((p) => p.length > 0)
}

export const describeCommand = (name: string, descriptor: CommandDescriptor.Command<unknown>): CommandInfo => {
  const help = CommandDescriptor.getHelp(descriptor, CliConfig.defaultConfig)
  const written = new Map<string, string>()
  descriptions(help, written)
  const flags = namedUsages(CommandDescriptor.getUsage(descriptor))
    .filter((u) => u.names.some((n) => n.startsWith("--")))
    .map((u): FlagInfo => {
      const name = u.names.find((n) => n.startsWith("--")) ?? ""
      const kind = kindOf(u.accepted)
      return {
        name,
        aliases: u.names.filter((n) => !n.startsWith("--")),
        kind,
        placeholder: kind === "text" && u.accepted !== "text" ? u.accepted : PLACEHOLDER[kind],
        choices: kind === "choice" ? (u.accepted ?? "").split(" | ") : [],
        required: !u.optional,
        repeatable: u.repeated,
        description: written.get(name) ?? ""
      }
    })
  return { name, description: descriptionParagraphs(help), flags }
}

/** The commands, in the order they are given (the order of the root help). */
export const describeCommands = (
  commands: ReadonlyArray<{ readonly descriptor: CommandDescriptor.Command<unknown> }>
): ReadonlyArray<CommandInfo> =>
  commands.map((c) => describeCommand([...CommandDescriptor.getNames(c.descriptor)][0] ?? "", c.descriptor))
