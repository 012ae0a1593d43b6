import { hideUrlCredentialsAfterScheme } from "./urlCredentials.js"
import { breakLegacyCommands, breakLineCommand } from "./workflowCommands.js"

/**
 * The last check on everything op-reconcile prints, applied where text leaves the process (the CLI's
 * console), so that no renderer, error message or log line can forget it. Renderers make each untrusted
 * value safe where it is placed (oneLine, the markdown and JSON escapes); this guarantees, whatever they
 * missed, that
 * - no line forms a workflow command (`##[` anywhere, `::` at the start of a line after white space), unless
 *   the caller prints op-reconcile's own annotations (`allowLineCommands`);
 * - no control character but tab and line breaks, and no bidi control, reaches the terminal or the log;
 *   colour (SGR) and erase-line sequences, which op-reconcile itself writes on a terminal, are kept;
 * - no password written into a URL (`https://user:secret@host`) is printed.
 *
 * Lines are split the way the runner splits them (LF, CR and CR LF), and the breaks are kept as they are.
 */
const LINE_BREAK = /(\r\n|\r|\n)/

const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /\u001b\[[0-9;]*[mK]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g

const keepOwnSequences = (match: string): string => (match.length > 1 ? match : " ")

export interface SafeOutputOptions {
  /** The text is op-reconcile's own, already escaped annotations (`::warning file=…::…`). */
  readonly allowLineCommands?: boolean
}

const safeLine = (line: string, options: SafeOutputOptions): string => {
  const plain = breakLegacyCommands(hideUrlCredentialsAfterScheme(line.replace(UNSAFE, keepOwnSequences)))
  return options.allowLineCommands === true ? plain : breakLineCommand(plain)
}

export const safeOutput = (text: string, options: SafeOutputOptions = {}): string =>
  text
    .split(LINE_BREAK)
    .map((part, i) => (i % 2 === 1 ? part : safeLine(part, options)))
    .join("")
