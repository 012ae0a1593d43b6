/**
 * GitHub Actions reads every line a step prints, on stdout and on stderr, as a possible workflow command:
 * `::name props::data` at the start of a line (after leading white space) and the legacy `##[name props]data`
 * anywhere in a line (see the runner's ActionCommand.cs). Text that other people wrote must never form either.
 *
 * Both forms are broken in a way a reader still recognises: `##[` becomes `## [` and a leading `::` becomes
 * `: :`. Neither is a command, and a value never needs the exact sequence to be understood.
 */

/** The legacy command prefix, recognised anywhere in a line. */
const LEGACY_PREFIX = /##\[/g

/**
 * White space the runner trims before it looks for `::` (.NET's char.IsWhiteSpace), together with what
 * JavaScript's `\s` covers: the union, so that nothing trimmed by either side is missed.
 */
const LEADING_COMMAND = /^([\s\u0085]*):(?=:)/

/** `##[` anywhere in `text` made inert. */
export const breakLegacyCommands = (text: string): string => text.replace(LEGACY_PREFIX, "## [")

/** A `::` at the start of one line (after white space) made inert. */
export const breakLineCommand = (line: string): string => line.replace(LEADING_COMMAND, "$1: ")

/** A line that the runner would read as a `::name::` command. */
export const startsLineCommand = (line: string): boolean => LEADING_COMMAND.test(line)
