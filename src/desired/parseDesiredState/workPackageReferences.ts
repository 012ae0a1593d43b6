// `wp#NN` as plain text or link text; the URL of a link is not part of the cell's text, so
// `[wp#42](https://…/work_packages/42)` counts once. A letter or digit just before `wp` means another word.
const WP_REFERENCE = /(?<![\p{L}\p{N}_])wp#(\d{1,9})\b/giu

/** The distinct work package ids a cell refers to, in order of appearance. */
export const workPackageReferences = (text: string): ReadonlyArray<number> => {
  const ids: Array<number> = []
  for (const match of text.matchAll(WP_REFERENCE)) {
    const id = Number(match[1])
    if (!ids.includes(id)) ids.push(id)
  }
  return ids
}
