/**
 * GitHub's comment-size limit, and the one place op-reconcile cuts a comment to it. A comment is laid out
 * as a head, one table and some `<details>` sections; when it does not fit, the sections are folded (their
 * bodies replaced by a pointer to the JSON), the last first, and then the table is cut with a note saying
 * how many rows were left out. A body that still does not fit (or one that was never laid out, such as a
 * body handed to the sticky comment) is cut at the end with a note (`cutToLength`). JavaScript string length
 * counts UTF-16 units, never fewer than GitHub's characters, so the measure errs on the safe side.
 */

/** GitHub refuses comment bodies of 65,536 characters or more. */
export const GITHUB_COMMENT_LIMIT = 65_536

/**
 * What the renderers lay a comment out to: GitHub's limit less headroom for whoever wraps the body (the
 * sticky comment puts its marker line first when the body does not carry it).
 */
export const DEFAULT_MAX_COMMENT_LENGTH = 65_000

const CUT_NOTE =
  "\n\n---\n:scissors: This comment was cut to fit GitHub's 65,536-character limit. " +
  "Run `op-reconcile reconcile --dry-run` (or read the plan JSON of the workflow run) for the full plan.\n"

/**
 * `body` if it is at most `maxLength` long; else its start (the marker and the summary line) and a note
 * that it was cut, `maxLength` in all. A cut never splits a surrogate pair.
 */
export const cutToLength = (body: string, maxLength: number): string => {
  if (body.length <= maxLength) return body
  // Too small even for the note: the start alone (only a maxLength far below any comment gets here).
  const note = maxLength > CUT_NOTE.length * 2 ? CUT_NOTE : ""
  let end = maxLength - note.length
  const last = body.charCodeAt(end - 1)
  if (last >= 0xd800 && last <= 0xdbff) end -= 1
  return body.slice(0, Math.max(0, end)) + note
}

/** What a folded section says instead of its body: where the whole of it is. */
export const leftOutNote = (jsonName: string): string =>
  `Left out to keep this comment within GitHub's size limit; see the ${jsonName}.`

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
  // Only a maxLength too small for the head itself needs the cut; a cut body beats one GitHub rejects.
  return cutToLength(assemble(c, sections, kept, c.moreRowsNote(all - kept)), c.maxLength)
}
