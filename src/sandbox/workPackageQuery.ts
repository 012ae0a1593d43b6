import { Either, ParseResult, Schema } from "effect"
import { type ApiError, invalidQuery } from "./apiError.js"
import type { WorkPackageRecord } from "./state.js"
import type { World } from "./world.js"

/**
 * The query of a work-package collection (README §3): `filters`, `sortBy`, `offset` (a 1-based page) and
 * `pageSize`, with OpenProject's defaults and clamping. Pure: parsing and filtering only.
 */

export const DEFAULT_PAGE_SIZE = 20
export const MAX_PAGE_SIZE = 1000

const FilterSpec = Schema.Struct({
  operator: Schema.String,
  values: Schema.optionalWith(Schema.Array(Schema.String), { default: () => [] })
})
const FilterEntry = Schema.Record({ key: Schema.String, value: FilterSpec })
const Filters = Schema.parseJson(Schema.Array(FilterEntry))
const SortBy = Schema.parseJson(Schema.Array(Schema.Tuple(Schema.String, Schema.Literal("asc", "desc"))))

export interface Filter {
  readonly name: string
  readonly operator: string
  readonly values: ReadonlyArray<string>
}

export interface WorkPackageQuery {
  readonly filters: ReadonlyArray<Filter>
  readonly sortBy: ReadonlyArray<readonly [string, "asc" | "desc"]>
  readonly offset: number
  readonly pageSize: number
}

/** Applied when the request has no `filters` parameter at all: only open work packages. */
export const DEFAULT_FILTERS: ReadonlyArray<Filter> = [{ name: "status", operator: "o", values: [] }]
export const DEFAULT_SORT: ReadonlyArray<readonly [string, "asc" | "desc"]> = [["id", "asc"]]

const OPERATORS: Record<string, ReadonlyArray<string>> = {
  id: ["=", "!"],
  status: ["=", "!", "o", "c", "*", "!*"]
}

const firstIssue = (e: ParseResult.ParseError) => ParseResult.ArrayFormatter.formatErrorSync(e)[0]

const parseFilters = (raw: string): Either.Either<ReadonlyArray<Filter>, ApiError> =>
  Schema.decodeUnknownEither(Filters)(raw).pipe(
    Either.mapLeft((e) => {
      const issue = firstIssue(e)
      return invalidQuery(
        issue?.path.includes("operator") === true
          ? "Operator can't be blank."
          : 'Filters are not a JSON array of filter objects, e.g. [{"id":{"operator":"=","values":["42"]}}].'
      )
    }),
    Either.flatMap((entries) => {
      const filters: Array<Filter> = []
      for (const entry of entries) {
        const keys = Object.keys(entry)
        const name = keys[0]
        const spec = name === undefined ? undefined : entry[name]
        if (keys.length !== 1 || name === undefined || spec === undefined) {
          return Either.left(invalidQuery("Each filter must be an object with exactly one filter name."))
        }
        const operators = OPERATORS[name]
        if (operators === undefined) return Either.left(invalidQuery(`Filter ${name} does not exist.`))
        if (!operators.includes(spec.operator)) {
          return Either.left(invalidQuery(`${name} filter: operator ${spec.operator} is not available.`))
        }
        const needsValues = spec.operator === "=" || spec.operator === "!"
        if (needsValues && (spec.values.length === 0 || spec.values.some((v) => !/^\d+$/.test(v)))) {
          return Either.left(invalidQuery(`${name === "id" ? "Id" : "Status"} filter has invalid values.`))
        }
        filters.push({ name, operator: spec.operator, values: spec.values })
      }
      return Either.right(filters)
    })
  )

const intParam = (raw: string | null): number | undefined => {
  if (raw === null || !/^-?\d+$/.test(raw.trim())) return undefined
  return Number.parseInt(raw, 10)
}

/** `pageSize`: default 20; above the maximum it is clamped, -1 means the maximum. */
export const effectivePageSize = (raw: string | null): number => {
  const n = intParam(raw)
  if (n === undefined) return DEFAULT_PAGE_SIZE
  if (n === -1) return MAX_PAGE_SIZE
  if (n < 1) return DEFAULT_PAGE_SIZE
  return Math.min(n, MAX_PAGE_SIZE)
}

/** `offset` is a 1-based page number; anything below 1 is page 1. */
export const effectiveOffset = (raw: string | null): number => {
  const n = intParam(raw)
  return n === undefined || n < 1 ? 1 : n
}

export const parseWorkPackageQuery = (params: URLSearchParams): Either.Either<WorkPackageQuery, ApiError> => {
  const rawFilters = params.get("filters")
  const rawSort = params.get("sortBy")
  const filters = rawFilters === null ? Either.right(DEFAULT_FILTERS) : parseFilters(rawFilters)
  const sortBy =
    rawSort === null
      ? Either.right(DEFAULT_SORT)
      : Schema.decodeUnknownEither(SortBy)(rawSort).pipe(
          Either.mapLeft(() => invalidQuery("sortBy is not a JSON array of [field, direction] pairs.")),
          Either.filterOrLeft(
            (s) => s.every(([field]) => field === "id"),
            () => invalidQuery("The sandbox can sort work packages by id only.")
          )
        )
  return Either.all({ filters, sortBy }).pipe(
    Either.map(({ filters, sortBy }) => ({
      filters,
      sortBy,
      offset: effectiveOffset(params.get("offset")),
      pageSize: effectivePageSize(params.get("pageSize"))
    }))
  )
}

const matches = (wp: WorkPackageRecord, filter: Filter, world: World): boolean => {
  const values = filter.values.map(Number)
  if (filter.name === "id") {
    return filter.operator === "=" ? values.includes(wp.id) : !values.includes(wp.id)
  }
  const closed = world.statusById(wp.statusId)?.isClosed ?? false
  switch (filter.operator) {
    case "=":
      return values.includes(wp.statusId)
    case "!":
      return !values.includes(wp.statusId)
    case "o":
      return !closed
    case "c":
      return closed
    case "*":
      return true
    default:
      // "!*": every work package has a status.
      return false
  }
}

/** The work packages a query selects, sorted, before paging. */
export const selectWorkPackages = (
  all: Iterable<WorkPackageRecord>,
  query: WorkPackageQuery,
  world: World
): ReadonlyArray<WorkPackageRecord> => {
  const selected = [...all].filter((wp) => query.filters.every((f) => matches(wp, f, world)))
  const descending = query.sortBy[0]?.[1] === "desc"
  return selected.sort((a, b) => (descending ? b.id - a.id : a.id - b.id))
}

export const pageOf = <A>(items: ReadonlyArray<A>, query: WorkPackageQuery): ReadonlyArray<A> =>
  items.slice((query.offset - 1) * query.pageSize, query.offset * query.pageSize)
