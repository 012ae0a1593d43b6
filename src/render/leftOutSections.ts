import type { BlockedItem, SkippedItem } from "../domain/plan.js"
import type { FoldableSection } from "./markdownBudget.js"
import { escapeMarkdown } from "./markdownEscape.js"
import { detailsSection, sourceCell, workPackageCell } from "./markdownTable.js"

/** What a plan and an apply report both carry: where the document is and which OpenProject it names. */
interface Origin {
  readonly openProjectUrl: string
  readonly source: { readonly path: string }
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
  const where = (line: number) => sourceCell(origin.source.path, line)
  return [
    ...detailsSection(
      `${blocked.length} blocked`,
      ["Work package", "Wanted", "Why", "Source"],
      blocked.map((b) => [
        workPackageCell(origin.openProjectUrl, b.workPackageId),
        escapeMarkdown(b.state),
        escapeMarkdown(b.message, 600),
        where(b.line)
      ]),
      jsonName
    ),
    ...detailsSection(
      `${skipped.length} skipped`,
      ["Source", "Why"],
      skipped.map((s) => [where(s.line), escapeMarkdown(s.message, 600)]),
      jsonName
    )
  ]
}
