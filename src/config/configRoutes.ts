import { Either } from "effect"
import { makeRouteTable, type Route, routeFromConfigEntry } from "../workflow/routes.js"
import type { ConfigFile } from "./ConfigFile.js"
import { ConfigProblem } from "./errors.js"
import type { ConfigPath, Position } from "./parseConfig.js"

/**
 * The config's `routes:` (README, "OpenProject's workflow: the check and routes") as routes, or every
 * problem at its line: a key that is not "From -> To", a route that starts where it ends, names no status
 * or passes one twice, and the same transition routed two ways. Pure: the positions come from the parse.
 */

const SHAPE =
  'write a route as "From -> To": [Via, …] with OpenProject\'s status names, e.g. "New -> Closed": [In progress], ' +
  "or under a type's name for that type only"

interface Entry {
  readonly key: string
  readonly via: ReadonlyArray<string>
  readonly type?: string
  readonly path: ConfigPath
}

const entriesOf = (routes: NonNullable<ConfigFile["routes"]>): ReadonlyArray<Entry> =>
  Object.entries(routes).flatMap(
    ([key, value]): ReadonlyArray<Entry> =>
      Array.isArray(value)
        ? [{ key, via: value, path: ["routes", key] }]
        : Object.entries(value).map(([typed, via]) => ({ key: typed, via, type: key, path: ["routes", key, typed] }))
  )

export const routesOfConfig = (
  routes: ConfigFile["routes"],
  positionOf: (path: ConfigPath) => Position
): { readonly routes: ReadonlyArray<Route>; readonly problems: ReadonlyArray<ConfigProblem> } => {
  const found: Array<Route> = []
  const problems: Array<ConfigProblem> = []
  for (const entry of entriesOf(routes ?? {})) {
    const problem = (message: string) => problems.push(new ConfigProblem({ ...positionOf(entry.path), message }))
    const route = routeFromConfigEntry(entry.key, entry.via, entry.type)
    if (Either.isLeft(route)) {
      problem(`${route.left.where}: ${route.left.problem}; ${SHAPE}`)
      continue
    }
    // The same transition twice (keys differing only in case or spacing) must agree on the way through.
    const table = makeRouteTable([...found, route.right])
    if (Either.isLeft(table)) {
      problem(`${table.left.where}: ${table.left.problem}; keep one of them`)
      continue
    }
    found.push(route.right)
  }
  return { routes: found, problems }
}
