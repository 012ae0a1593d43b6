import { gfmFootnoteFromMarkdown } from "mdast-util-gfm-footnote"
import { gfmStrikethroughFromMarkdown } from "mdast-util-gfm-strikethrough"
import { gfmTableFromMarkdown } from "mdast-util-gfm-table"
import { gfmFootnote } from "micromark-extension-gfm-footnote"
import { gfmStrikethrough } from "micromark-extension-gfm-strikethrough"
import { gfmTable } from "micromark-extension-gfm-table"
import type { Processor } from "unified"

/**
 * The GFM extensions the reader needs, as a remark plugin: tables, and the inline constructs that change a
 * cell's text (`~~struck~~` is dropped from a note, a footnote call `[^1]` is not text). remark-gfm adds
 * autolink literals, task lists and the tag filter, which never change what the reader reads: a literal
 * URL or e-mail address has the same text as a link as without one, task lists live in list items, and the
 * tag filter acts on HTML output. Leaving them out is most of the difference to micromark's own parse
 * (README, Performance); test/desired/gfmEquivalence.test.ts checks that the rows read are the same.
 */
export function remarkPlanTables(this: Processor): void {
  const data = this.data()
  data.micromarkExtensions = [...(data.micromarkExtensions ?? []), gfmTable(), gfmStrikethrough(), gfmFootnote()]
  data.fromMarkdownExtensions = [
    ...(data.fromMarkdownExtensions ?? []),
    gfmTableFromMarkdown(),
    gfmStrikethroughFromMarkdown(),
    gfmFootnoteFromMarkdown()
  ]
}
