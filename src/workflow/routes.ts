import { Either, Schema } from "effect"
import { stateKey } from "../domain/states.js"

/**
 * Routes: the statuses to pass through when OpenProject's workflow refuses a direct transition, e.g. New →
 * Closed only through In progress. OpenProject computes what is allowed from the persisted status only and
 * has no workflow API (README §13), so a path it would accept cannot be discovered: the team names it.
 * Pure: parsing, validation and lookup; the flag (`--route`) and the config (`routes:`) both end here.
 */

/** One route: from `from` to `to` through `via` (in order). `type` limits it to one work package type. */
export interface Route {
  readonly from: string
  readonly to: string
  readonly via: ReadonlyArray<string>
  readonly type?: string | undefined
}

/** A route the user wrote that cannot mean anything; nothing is read from OpenProject. */
export class InvalidRoute extends Schema.TaggedError<InvalidRoute>()("InvalidRoute", {
  /** Where it was written: `--route "…"` or `routes: "New -> Closed"` in the config. */
  where: Schema.String,
  problem: Schema.String
}) {
  override get message(): string {
    return (
      `${this.where}: ${this.problem}. Write a route as "From->To=Via[,Via…]" with OpenProject's status names, ` +
      'e.g. --route "New->Closed=In progress", or in op-reconcile.yml: routes: { "New -> Closed": [In progress] }.'
    )
  }
}

const clean = (name: string): string => name.trim().replace(/\s+/g, " ")

/** The checks every route must pass, wherever it was written. */
export const validateRoute = (route: Route, where: string): Either.Either<Route, InvalidRoute> => {
  const fail = (problem: string) => Either.left(new InvalidRoute({ where, problem }))
  const from = clean(route.from)
  const to = clean(route.to)
  const via = route.via.map(clean)
  if (from === "" || to === "") return fail("both the status it starts from and the one it ends at are needed")
  if (stateKey(from) === stateKey(to)) return fail(`it starts and ends at "${from}"`)
  if (via.length === 0) return fail("it names no status to pass through")
  if (via.some((v) => v === "")) return fail("a status to pass through is empty")
  const stops = [from, ...via, to].map(stateKey)
  if (new Set(stops).size !== stops.length) return fail("it passes through the same status twice")
  return Either.right({ from, to, via, ...(route.type === undefined ? {} : { type: clean(route.type) }) })
}

const FLAG = /^([^=]*?)->([^=]*)=(.*)$/s

/** `--route "New->Closed=In progress"` or `"New -> Closed = In progress, In testing"`. */
export const parseRouteFlag = (text: string): Either.Either<Route, InvalidRoute> => {
  const where = `--route ${JSON.stringify(text)}`
  const match = FLAG.exec(text)
  if (match === null) return Either.left(new InvalidRoute({ where, problem: 'it is not of the form "From->To=Via"' }))
  const [, from = "", to = "", via = ""] = match
  return validateRoute({ from, to, via: via.split(",") }, where)
}

const KEY = /^(.*?)->(.*)$/s

/** One `"From -> To": [Via, …]` entry of the config's `routes:` (optionally under a type's name). */
export const routeFromConfigEntry = (
  key: string,
  via: ReadonlyArray<string>,
  type?: string
): Either.Either<Route, InvalidRoute> => {
  const where = `routes: ${type === undefined ? "" : `${type}: `}${JSON.stringify(key)}`
  const match = KEY.exec(key)
  if (match === null)
    return Either.left(new InvalidRoute({ where, problem: 'the key is not of the form "From -> To"' }))
  const [, from = "", to = ""] = match
  return validateRoute({ from, to, via, ...(type === undefined ? {} : { type }) }, where)
}

/** Routes looked up by (type, from, to); a route for the work package's type wins over one for every type. */
export interface RouteTable {
  readonly size: number
  readonly lookup: (from: string, to: string, type?: string | undefined) => Route | undefined
}

const routeKey = (type: string | undefined, from: string, to: string) =>
  `${type === undefined ? "*" : stateKey(type)}\u0000${stateKey(from)}\u0000${stateKey(to)}`

/** Two routes for the same transition (and type) that differ are an error: which one is meant is unclear. */
export const makeRouteTable = (routes: ReadonlyArray<Route>): Either.Either<RouteTable, InvalidRoute> => {
  const byKey = new Map<string, Route>()
  for (const route of routes) {
    const key = routeKey(route.type, route.from, route.to)
    const earlier = byKey.get(key)
    if (earlier !== undefined && earlier.via.map(stateKey).join("\u0000") !== route.via.map(stateKey).join("\u0000")) {
      return Either.left(
        new InvalidRoute({
          where: `the route ${route.from} -> ${route.to}${route.type === undefined ? "" : ` for ${route.type}`}`,
          problem: `it is given twice, through ${earlier.via.join(", ")} and through ${route.via.join(", ")}`
        })
      )
    }
    byKey.set(key, route)
  }
  return Either.right({
    size: byKey.size,
    lookup: (from, to, type) =>
      (type === undefined ? undefined : byKey.get(routeKey(type, from, to))) ?? byKey.get(routeKey(undefined, from, to))
  })
}

export const emptyRouteTable: RouteTable = { size: 0, lookup: () => undefined }

/** `first`'s routes, and `then`'s for transitions `first` does not route: a --route wins over the config's. */
export const preferring = (first: RouteTable, then: RouteTable): RouteTable => ({
  size: first.size + then.size,
  lookup: (from, to, type) => first.lookup(from, to, type) ?? then.lookup(from, to, type)
})

/** The flag that would route this transition, for remedies: `--route "New->Closed=In progress"`. */
export const routeFlagFor = (from: string, to: string, via: ReadonlyArray<string>): string =>
  `--route ${JSON.stringify(`${from}->${to}=${via.join(",")}`)}`

/** A status name as a YAML flow item: bare when plain words, quoted when YAML would read it otherwise. */
const yamlName = (name: string): string =>
  /^\p{L}[\p{L}\p{N} _.-]*$/u.test(name) &&
  !/^(true|false|null|yes|no|on|off)$/i.test(name.trim()) &&
  name === name.trim()
    ? name
    : JSON.stringify(name)

/** The config line that would route it: `routes: { "New -> Closed": [In progress] }`. */
export const routeConfigLineFor = (from: string, to: string, via: ReadonlyArray<string>): string =>
  `routes: { ${JSON.stringify(`${from} -> ${to}`)}: [${via.map(yamlName).join(", ")}] }`
