/**
 * Small plan documents written by each test, so that every test controls its own drift. The tracking table
 * starts on line 3: header on 3, separator on 4, the first row on FIRST_ROW_LINE.
 */

export interface PlanRow {
  readonly workPackageId: number
  /** The bold state, as a person would write it; `undefined` writes a row without a bold state. */
  readonly state: string | undefined
  readonly track?: string
}

export const FIRST_ROW_LINE = 5

/** The source line of the nth (0-based) row. */
export const lineOfRow = (index: number): number => FIRST_ROW_LINE + index

const cell = (text: string) => text.replaceAll("|", "\\|")

export const planDocument = (rows: ReadonlyArray<PlanRow>): string =>
  [
    "# Plan under test",
    "",
    "| Track | Phase | GH issue / OP wp | Status |",
    "| ----- | ----- | ---------------- | ------ |",
    ...rows.map(
      (row) =>
        `| ${cell(row.track ?? `Track ${row.workPackageId}`)} | e2e | OP wp#${row.workPackageId} | ` +
        `${row.state === undefined ? "operator-managed" : `**${row.state}** — note`} |`
    ),
    "",
    "Prose after the table.",
    ""
  ].join("\n")
