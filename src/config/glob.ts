/**
 * The small glob language of `plans[].source`, matched one path segment at a time: `*` is any run of
 * characters within a segment, `?` one character, and a segment that is exactly `**` any number of
 * directories (none included). Everything else is literal, `[` and `{` too. As in a shell, `*` and `?`
 * do not match a leading dot, so `docs/*.md` never picks up `.draft.md`.
 */

/** Whether a source is a glob rather than a plain path. */
export const isGlob = (source: string): boolean => /[*?]/.test(source)

const escapeRegExp = (text: string): string => text.replace(/[.+^${}()|[\]\\*?]/g, "\\$&")

/** A test for one directory entry's name against one segment of the pattern. */
export const segmentMatcher = (segment: string): ((name: string) => boolean) => {
  const body = segment
    .split(/([*?])/)
    .map((part) => (part === "*" ? "[^/]*" : part === "?" ? "[^/]" : escapeRegExp(part)))
    .join("")
  const pattern = new RegExp(`^${body}$`, "u")
  const wildcardFirst = segment.startsWith("*") || segment.startsWith("?")
  return (name) => !(wildcardFirst && name.startsWith(".")) && pattern.test(name)
}

/** The segments of a pattern or a path, `/`-separated (a config is written with forward slashes everywhere). */
export const segmentsOf = (path: string): ReadonlyArray<string> => path.split("/").filter((s) => s !== "" && s !== ".")

/**
 * Whether a relative path (segments) matches a pattern (segments). Pure; the file walk in
 * expandSources.ts uses the same segment matcher, and this function is its specification in tests.
 */
export const globMatches = (pattern: ReadonlyArray<string>, path: ReadonlyArray<string>): boolean => {
  const [head, ...rest] = pattern
  if (head === undefined) return path.length === 0
  if (head === "**") {
    for (let skip = 0; skip <= path.length; skip++) {
      // `**` never descends into hidden directories, like `*`.
      if (skip > 0 && (path[skip - 1] ?? "").startsWith(".")) return false
      if (globMatches(rest, path.slice(skip))) return true
    }
    return false
  }
  const [first, ...others] = path
  return first !== undefined && segmentMatcher(head)(first) && globMatches(rest, others)
}
