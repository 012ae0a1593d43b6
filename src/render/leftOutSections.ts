import type { BlockedItem, SkippedItem } from "../domain/plan.js"
import type { FoldableSection } from "./markdownBudget.js"
import { escapeMarkdown, escapeMarkdownProse } from "./markdownEscape.js"
import { detailsSection, sourceCell, workPackageCell } from "./markdownTable.js"

/** What a plan and an apply report both carry: which OpenProject they name. */
interface Origin {
  readonly openProjectUrl: string
}

/**
 * The folded "blocked" and "skipped" sections that the plan comment and the apply comment share.
 * `jsonName` says where the full list is when a section is folded to fit GitHub's size limit.
 */
export const leftOutSections = (
  origin: Origin,
  blocked: ReadonlyArray<BlockedItem>,
  skipped: ReadonlyArray<SkippedItem>,
  jsonName: string
): ReadonlyArray<FoldableSection> => {
  const where = (item: { readonly source: string; readonly line: number }) => sourceCell(item.source, item.line)
  return [
    ...detailsSection(
      `${blocked.length} blocked`,
      ["Work package", "Wanted", "Why", "Source"],
      blocked.map((b) => [
        workPackageCell(origin.openProjectUrl, b.workPackageId),
        escapeMarkdown(b.state),
        escapeMarkdownProse(b.message, 600),
        where(b)
      ]),
      jsonName
    ),
    ...detailsSection(
      `${skipped.length} skipped`,
      ["Source", "Why"],
      skipped.map((s) => [where(s), escapeMarkdownProse(s.message, 600)]),
      jsonName
    )
  ]
}
