import type { PhrasingContent } from "mdast"

// `#43`, `wp 43`, `WP-43`, `wp43`: a work package meant but not written as `wp#43`. A `#NN` right after
// "GH", "issue", "PR" or "!" is a GitHub issue or a merge request, not a work package.
const HASH_NUMBER = /(?<![\p{L}\p{N}_#&!])#(\d{1,9})(?![\p{L}\p{N}_])/gu
const GITHUB_BEFORE = /(?:\bgh|\bgithub|\bissues?|\bprs?|\bmr)\s*$/iu
const WP_WITHOUT_HASH = /(?<![\p{L}\p{N}_])wp[\s\-_]?(\d{1,9})(?![\p{L}\p{N}_])/giu
// A link into OpenProject: `https://op.example.com/work_packages/43`, `/projects/x/work_packages/43/activity`.
const WORK_PACKAGE_URL = /\/work_packages\/(\d{1,9})(?![\p{N}])/u

/** The URLs of the links in a cell, at any depth (a link inside bold counts too). */
export const linkUrls = (content: ReadonlyArray<PhrasingContent>): ReadonlyArray<string> =>
  content.flatMap((node): ReadonlyArray<string> => {
    if (node.type === "link") return [node.url, ...linkUrls(node.children)]
    return "children" in node ? linkUrls(node.children) : []
  })

/**
 * The work package a cell without `wp#NN` most likely means, if it names exactly one: a number written as
 * `#43` or `wp 43`, or a link whose URL is a work package's page (`[Story](…/work_packages/43)`). Pure.
 */
export const suggestWorkPackage = (text: string, urls: ReadonlyArray<string>): number | undefined => {
  const ids = new Set<number>()
  for (const m of text.matchAll(HASH_NUMBER)) {
    if (!GITHUB_BEFORE.test(text.slice(0, m.index))) ids.add(Number(m[1]))
  }
  for (const m of text.matchAll(WP_WITHOUT_HASH)) ids.add(Number(m[1]))
  for (const url of urls) {
    const m = WORK_PACKAGE_URL.exec(url)
    if (m !== null) ids.add(Number(m[1]))
  }
  const [only, ...others] = [...ids]
  return others.length === 0 ? only : undefined
}
