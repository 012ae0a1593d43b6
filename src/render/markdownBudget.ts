/**
 * GitHub refuses a comment body over 65,536 characters. A comment is laid out as a head, one table and
 * some `<details>` sections; when it does not fit, the sections are folded (their bodies replaced by a
 * pointer to the JSON), the last first, and then the table is cut with a note saying how many rows were
 * left out. JavaScript string length counts UTF-16 units, never fewer than GitHub's characters, so the
 * measure errs on the safe side.
 */

export interface FoldableSection {
  readonly full: string
  readonly folded: string
}

export interface BudgetedComment {
  readonly head: string
  readonly tableHeader: string
  readonly tableRows: ReadonlyArray<string>
  /** The line that replaces the rows that did not fit. */
  readonly moreRowsNote: (leftOut: number) => string
  /** In display order; folded from the last one backwards. */
  readonly sections: ReadonlyArray<FoldableSection>
  readonly maxLength: number
}

const assemble = (c: BudgetedComment, sections: ReadonlyArray<string>, rows: number, note: string): string => {
  const table = c.tableRows.length === 0 ? "" : `${c.tableHeader}${c.tableRows.slice(0, rows).join("")}${note}\n`
  return `${`${c.head}${table}${sections.join("")}`.trimEnd()}\n`
}

export const fitToBudget = (c: BudgetedComment): string => {
  const sections = c.sections.map((s) => s.full)
  const all = c.tableRows.length
  const whole = assemble(c, sections, all, "")
  if (whole.length <= c.maxLength) return whole
  for (let i = sections.length - 1; i >= 0; i--) {
    sections[i] = c.sections[i]?.folded ?? ""
    const folded = assemble(c, sections, all, "")
    if (folded.length <= c.maxLength) return folded
  }
  // Keep as many rows as fit next to the note; the note is sized for the worst case (every row left out).
  const fixed = assemble(c, sections, 0, c.moreRowsNote(all)).length
  let used = fixed
  let kept = 0
  for (const row of c.tableRows) {
    if (used + row.length > c.maxLength) break
    used += row.length
    kept++
  }
  const cut = assemble(c, sections, kept, c.moreRowsNote(all - kept))
  // Only a maxLength too small for the head itself gets here; a cut body beats one GitHub rejects.
  return cut.length <= c.maxLength ? cut : `${cut.slice(0, Math.max(0, c.maxLength - 1))}…`
}
