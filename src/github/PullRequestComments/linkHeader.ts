/** The `rel="next"` URL of a GitHub `Link` header, if any. */
export const nextPageUrl = (link: string | undefined): string | undefined => {
  if (link === undefined) return undefined
  for (const part of link.split(",")) {
    const match = /^\s*<([^>]+)>\s*;(.*)$/.exec(part)
    if (match?.[1] !== undefined && /\brel="?next"?/.test(match[2] ?? "")) return match[1]
  }
  return undefined
}
