/**
 * JSON printed to a terminal or a CI log, still the same JSON for every parser: `JSON.stringify` escapes
 * C0 controls but leaves DEL, C1 controls, line separators and bidi controls raw, and a `##[` inside a
 * string would be read by GitHub Actions as a workflow command. Each of them is written as a `\uXXXX`
 * escape instead, which decodes to exactly the same string.
 *
 * Safe on any JSON text: these characters (and `#`) can occur only inside strings, where an escape is valid.
 * A `::` can never start a line of indented or single-line JSON, so it needs nothing.
 */
const RAW_IN_STRINGS = /[\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g

const escapeChar = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`

export const safeJsonText = (json: string): string =>
  json.replace(RAW_IN_STRINGS, escapeChar).replace(/##\[/g, "#\\u0023[")
