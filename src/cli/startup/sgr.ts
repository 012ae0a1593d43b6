// SGR sequences (colour, bold) as @effect/cli writes them into its help and usage messages.
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g")

/** The text without its colour codes. */
export const withoutSgr = (text: string): string => text.replace(SGR, "")
