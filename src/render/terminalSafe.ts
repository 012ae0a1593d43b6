/**
 * Subjects and messages come from other people's documents and servers: a stray escape sequence could
 * recolour or rewrite the terminal, and a bidi override could make a line read differently than it is.
 * Control characters and bidi controls become spaces, and a value always stays on one line.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

export const terminalSafe = (text: string): string => text.replace(UNSAFE, " ")
