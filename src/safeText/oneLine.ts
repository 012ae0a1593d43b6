import { breakLegacyCommands, breakLineCommand } from "./workflowCommands.js"

/**
 * One value from somewhere else (a subject, a cell, a table header, a status name, a server's message, a
 * field of a saved plan), made safe to print inside a line of a terminal or a CI log:
 * - control characters (CR, LF, ESC, C1 controls, …), Unicode line separators, bidi controls and invisible
 *   format characters become spaces, so a value stays on its line, cannot recolour or rewrite the terminal,
 *   and cannot make a line read differently than it is;
 * - no workflow command can form from it (see workflowCommands.ts).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g

export const oneLine = (text: string): string => breakLineCommand(breakLegacyCommands(text.replace(UNSAFE, " ")))
