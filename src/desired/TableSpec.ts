import { Either } from "effect"

/**
 * Which table of a plan document is the tracking table, and which of its columns carry the work package
 * reference and the desired state. The header is matched exactly (runbook §7: a renamed column means
 * "table not found"), so the columns are listed in order.
 */
export interface TableSpec {
  readonly columns: ReadonlyArray<string>
  readonly idColumn: string
  readonly statusColumn: string
  /**
   * Only a table under a heading whose text contains this (ignoring case), at any level of its section
   * (a config's `under:`): picks one of several tables that share the header.
   */
  readonly under?: string
}

/** The runbook's §10 header: `| Track | Phase | GH issue / OP wp | Status |`. */
export const DEFAULT_TABLE_SPEC: TableSpec = {
  columns: ["Track", "Phase", "GH issue / OP wp", "Status"],
  idColumn: "GH issue / OP wp",
  statusColumn: "Status"
}

/**
 * A spec whose load-bearing columns are not part of its header could never match a table; say so up
 * front (with the option names a user types) instead of reporting "table not found" later.
 */
export const checkTableSpec = (spec: TableSpec): Either.Either<TableSpec, string> => {
  const header = `| ${spec.columns.join(" | ")} |`
  if (spec.columns.length === 0 || spec.columns.some((c) => c.length === 0)) {
    return Either.left(`the header ${header} has an empty column name: list the column names separated by commas`)
  }
  if (!spec.columns.includes(spec.idColumn)) {
    return Either.left(`the work package column "${spec.idColumn}" is not in the header ${header}: pass --id-column`)
  }
  if (!spec.columns.includes(spec.statusColumn)) {
    return Either.left(`the status column "${spec.statusColumn}" is not in the header ${header}: pass --status-column`)
  }
  return Either.right(spec)
}
