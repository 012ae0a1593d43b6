import type * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Schema } from "effect"
import { readDesiredState } from "../desired/readDesiredState.js"
import type { TableSpec } from "../desired/TableSpec.js"
import type { DesiredState } from "../domain/desired.js"
import {
  CandidateTable,
  type DesiredStateError,
  type FoundHeader,
  severalTrackingTables,
  type TrackingTableAmbiguous
} from "../domain/errors.js"
import { oneLine } from "../safeText/oneLine.js"

/**
 * `init` is given plans, not tables: it reads the table the user names (the runbook's §10 header by
 * default) and, when the document has no such table, finds the tracking table among the tables it has: the
 * one whose rows name work packages (`wp#NN`) with a bold state in another column. Column names that say
 * what they hold are tried first, so a few reads find it; the first table that reads rows wins.
 *
 * A plan with several tables of that header is never guessed at: `init` says which tables they are and how
 * to pick one (`--under`, which becomes the plan's `under:` in the config).
 */

/** Reads of one document `init` may make while looking, at most (a table of n columns has n × (n - 1) pairs). */
const MAX_TRIES = 24

const ID_HINT = /\b(op|wp|work ?packages?|ids?|tickets?|issues?)\b/i
const STATUS_HINT = /\b(status|state|stand)\b/i

const byHint = (columns: ReadonlyArray<string>, hint: RegExp) =>
  [...columns].sort((a, b) => Number(hint.test(b)) - Number(hint.test(a)))

/** Each distinct header once (two tables of one header are one candidate: reading it reports both). */
const distinctHeaders = (found: ReadonlyArray<FoundHeader>): ReadonlyArray<ReadonlyArray<string>> => {
  const seen = new Set<string>()
  return found.flatMap((h) => {
    const key = JSON.stringify(h.columns)
    if (seen.has(key)) return []
    seen.add(key)
    return [h.columns]
  })
}

const candidates = (found: ReadonlyArray<FoundHeader>): ReadonlyArray<TableSpec> =>
  distinctHeaders(found).flatMap((columns) =>
    byHint(columns, ID_HINT).flatMap((idColumn) =>
      byHint(columns, STATUS_HINT)
        .filter((statusColumn) => statusColumn !== idColumn)
        .map((statusColumn) => ({ columns, idColumn, statusColumn }))
    )
  )

/** Rows that name a work package and a bold state, whether or not the state is a known word yet. */
const readable = (desired: DesiredState) =>
  desired.rows.length + desired.skipped.filter((s) => s.reason === "UnknownState").length

/**
 * Several tables of a plan have the tracking header and `init` will not pick one: it names them, with the
 * heading each sits under, and how to choose (`--under`), or how to tell them apart when the headings do not.
 */
export class InitTableAmbiguous extends Schema.TaggedError<InitTableAmbiguous>()("InitTableAmbiguous", {
  file: Schema.String,
  columns: Schema.Array(Schema.String),
  tables: Schema.Array(CandidateTable),
  /** The --under text given, which did not narrow the tables down to one. */
  under: Schema.optional(Schema.String)
}) {
  override get message(): string {
    const file = oneLine(this.file)
    // A heading is reported as written (`## §13 Missions`); --under matches its text, without the #s.
    const headings = this.tables.map((t) => t.heading?.replace(/^#+\s*/, ""))
    const apart = headings.every((h) => h !== undefined) && new Set(headings).size === headings.length
    const example = headings[0]
    return (
      severalTrackingTables(this, "init will not guess which one is the plan", "  (under no heading)") +
      (apart && example !== undefined
        ? `Choose one with --under TEXT, a part of the heading above it (e.g. op-reconcile init --source ${file} ` +
          `--under ${JSON.stringify(oneLine(example))}); the config then reads it with under:.`
        : "Their headings do not tell them apart: put the plan's table under a heading of its own and choose " +
          "it with --under TEXT, or rename a column in the header of each table that is not the plan.")
    )
  }
}

const ambiguous = (e: TrackingTableAmbiguous) =>
  new InitTableAmbiguous({
    file: e.file,
    columns: e.columns,
    tables: e.tables,
    ...(e.under === undefined ? {} : { under: e.under })
  })

export interface FoundTable {
  readonly spec: TableSpec
  readonly desired: DesiredState
}

export type FindTableError = Exclude<DesiredStateError, TrackingTableAmbiguous> | InitTableAmbiguous

/**
 * Reads `spec`'s table of `path`, or finds the tracking table as above. `under` (from --under) is used
 * only to choose among several tables of one header: a plan whose table is the only one keeps no `under:`.
 */
export const findTrackingTable = (
  path: string,
  spec: TableSpec,
  under?: string
): Effect.Effect<FoundTable, FindTableError, FileSystem.FileSystem> => {
  const read = (candidate: TableSpec) =>
    readDesiredState(path, candidate).pipe(
      Effect.map(({ desired }): FoundTable => ({ spec: candidate, desired })),
      Effect.catchTag("TrackingTableAmbiguous", (several) =>
        under === undefined
          ? Effect.fail(several)
          : readDesiredState(path, { ...candidate, under }).pipe(
              Effect.map(({ desired }): FoundTable => ({ spec: { ...candidate, under }, desired }))
            )
      )
    )
  return read(spec).pipe(
    Effect.catchTag("TableNotFound", (notFound) =>
      Effect.gen(function* () {
        // Several tables of one header may be the plan, or may be two tables of something else: another
        // header that reads rows is the plan; failing that, the several are not a guess to make.
        let several: TrackingTableAmbiguous | undefined
        for (const candidate of candidates(notFound.found).slice(0, MAX_TRIES)) {
          const attempt = yield* read(candidate).pipe(Effect.either)
          if (attempt._tag === "Right" && readable(attempt.right.desired) > 0) return attempt.right
          if (attempt._tag === "Left" && attempt.left._tag === "TrackingTableAmbiguous") several ??= attempt.left
        }
        return yield* several ?? notFound
      })
    ),
    Effect.catchTag("TrackingTableAmbiguous", (e) => Effect.fail(ambiguous(e)))
  )
}
