/** The few ANSI styles the text renderers use; the CLI decides whether colour is on (TTY, no NO_COLOR). */
const CODES = {
  bold: "1",
  dim: "2",
  red: "31",
  green: "32",
  yellow: "33",
  cyan: "36"
} as const

export type Tone = keyof typeof CODES

export type Paint = (tone: Tone, text: string) => string

export const painter =
  (color: boolean): Paint =>
  (tone, text) =>
    color && text.length > 0 ? `\u001b[${CODES[tone]}m${text}\u001b[0m` : text
