/**
 * Values from the plan document and from OpenProject end up in a GitHub comment posted by a bot. Escaped,
 * they can neither break the table (pipes, newlines), inject HTML or markdown (links, images, math), nor
 * notify anyone (`@user`, `@org/team`, `#123` cross-references).
 */

// Entities, not backslashes: a backslash escape does not survive inside every construct, an entity does,
// and GFM splits table cells before it decodes entities.
const ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  "|": "&#124;",
  "\\": "&#92;",
  "`": "&#96;",
  "*": "&#42;",
  _: "&#95;",
  "[": "&#91;",
  "]": "&#93;",
  "~": "&#126;",
  $: "&#36;"
}

const SPECIAL = /[&<>|\\`*_[\]~$]/g
// Control characters, and bidi controls, which would make a cell read differently than it is.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]+/g
const ZERO_WIDTH_JOINER = "\u200d"

/** Longest value shown in a cell; subjects longer than this are cut with an ellipsis. */
export const MAX_CELL_CHARS = 200

const truncate = (text: string, maxChars: number): string => {
  const chars = [...text]
  return chars.length <= maxChars ? text : `${chars.slice(0, maxChars - 1).join("")}…`
}

/**
 * GitHub links `@name` and `#123` only when the sign is directly followed by the name or number, `GH-123`
 * only when the dash is followed by the number, a bare URL only at `://` or `www.`; a zero-width joiner in
 * between leaves the text readable and inert. Entities would not do: they are decoded first.
 */
const neutraliseReferences = (text: string): string =>
  text
    .replace(/@/g, `@${ZERO_WIDTH_JOINER}`)
    .replace(/#(?=\d)/g, `#${ZERO_WIDTH_JOINER}`)
    .replace(/\b(gh-)(?=\d)/gi, `$1${ZERO_WIDTH_JOINER}`)
    .replace(/:\/\//g, `:${ZERO_WIDTH_JOINER}//`)
    .replace(/\b(www)\./gi, `$1${ZERO_WIDTH_JOINER}.`)

/** One value, safe inside a GFM table cell or an HTML block, on a single line. */
// References are neutralised before entities are written, so the `#` of an entity like `&#124;` is left alone.
export const escapeMarkdown = (text: string, maxChars: number = MAX_CELL_CHARS): string =>
  escapeFlat(flatten(text, maxChars))

const flatten = (text: string, maxChars: number): string =>
  truncate(text.replace(LINE_BREAKS_AND_CONTROLS, " ").trim(), maxChars)

const escapeFlat = (flat: string): string => neutraliseReferences(flat).replace(SPECIAL, (c) => ENTITIES[c] ?? c)

/**
 * Prose that names work packages (a skipped row's reason, an error): each `wp#55` becomes a code span, which
 * GitHub neither links nor turns into a reference, so it copies as typed (no invisible character inside
 * it); the rest is escaped like every other value.
 */
export const escapeMarkdownProse = (text: string, maxChars: number = MAX_CELL_CHARS): string =>
  flatten(text, maxChars)
    .split(/(wp#\d+)/)
    .map((part, i) => (i % 2 === 1 ? `\`${part}\`` : escapeFlat(part)))
    .join("")

/**
 * The hidden marker by which the comment is found again and updated instead of duplicated. Only characters
 * that cannot end an HTML comment are kept, so a marker can never leak the rest of the body into view.
 */
export const markerComment = (marker: string): string =>
  `<!-- op-reconcile:${marker.replace(/[^A-Za-z0-9._:/@+=-]/g, "_").replace(/-{2,}/g, "-")} -->`
