import { stringify } from "yaml"
import { DEFAULT_TABLE_SPEC, type TableSpec } from "../desired/TableSpec.js"
import { oneLine } from "../safeText/oneLine.js"
import type { WordMatch } from "./matchStatuses.js"

/**
 * The text of a starter `op-reconcile.yml` (pure): one plan entry per document with its table when it is
 * not the runbook's §10 header, and `states:` with every word `init` could match; every word it could not
 * match is a commented line that says so and lists the server's statuses, for the user to finish.
 */

export interface StarterPlan {
  /** Relative to the config's directory, `/`-separated. */
  readonly source: string
  readonly table: TableSpec
}

export interface StarterInput {
  readonly openProjectUrl: string
  readonly plans: ReadonlyArray<StarterPlan>
  readonly matches: ReadonlyArray<WordMatch>
  readonly statusNames: ReadonlyArray<string>
}

/**
 * One YAML scalar on one line, quoted when YAML needs it (a name may hold `:`, `#` or anything else); one
 * with a control character is written as JSON, which is a double-quoted YAML scalar on one line.
 */
const scalar = (value: string): string =>
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it looks for
  /[\u0000-\u001f\u007f]/.test(value) ? JSON.stringify(value) : stringify(value, { lineWidth: 0 }).trimEnd()

/** A flow list of scalars, e.g. `[Story, Owner, OP, State]`. */
const flowList = (values: ReadonlyArray<string>): string => `[${values.map(scalar).join(", ")}]`

const sameColumns = (a: ReadonlyArray<string>, b: ReadonlyArray<string>) =>
  a.length === b.length && a.every((c, i) => c === b[i])

const planLines = (plan: StarterPlan): ReadonlyArray<string> => {
  const lines = [`  - source: ${scalar(plan.source)}`]
  const t = plan.table
  const defaultTable =
    sameColumns(t.columns, DEFAULT_TABLE_SPEC.columns) &&
    t.idColumn === DEFAULT_TABLE_SPEC.idColumn &&
    t.statusColumn === DEFAULT_TABLE_SPEC.statusColumn
  if (defaultTable && t.under === undefined) return lines
  return [
    ...lines,
    "    table:",
    `      header: ${flowList(t.columns)}`,
    `      workPackageColumn: ${scalar(t.idColumn)}`,
    `      statusColumn: ${scalar(t.statusColumn)}`,
    ...(t.under === undefined ? [] : [`      under: ${scalar(t.under)}`])
  ]
}

const statesLines = (input: StarterInput): ReadonlyArray<string> => {
  const matched = input.matches.flatMap((m) => (m._tag === "Matched" ? [m] : []))
  const unmatched = input.matches.flatMap((m) => (m._tag === "Unmatched" ? [m] : []))
  const known = input.statusNames.map(oneLine).join(", ")
  // With nothing matched, `states:` itself is a comment: an empty `states:` would be YAML's null, not a map.
  const key = matched.length === 0 ? "# states:" : "states:"
  return [
    "# The plan's bold words -> this OpenProject's status names (`op-reconcile statuses` lists them).",
    key,
    ...matched.map(
      (m) =>
        `  ${scalar(m.word)}: ${scalar(m.status)}` +
        (m.how === "exact" ? "" : `   # matched without regard to case or spacing`)
    ),
    ...unmatched.map(
      (m) =>
        `#   ${scalar(m.word)}: ???   # no status of this name on ${oneLine(input.openProjectUrl)}; ` +
        `map it to one of: ${known}`
    )
  ]
}

export const starterConfig = (input: StarterInput): string =>
  `${[
    "# op-reconcile config, written by `op-reconcile init`; every key is described in the README.",
    "version: 1",
    "openproject:",
    `  url: ${scalar(input.openProjectUrl)}`,
    ...statesLines(input),
    "plans:",
    ...input.plans.flatMap(planLines)
  ].join("\n")}\n`
