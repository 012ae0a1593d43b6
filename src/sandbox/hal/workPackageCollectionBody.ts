import type { WorkPackageRecord } from "../state.js"
import type { WorkPackageQuery } from "../workPackageQuery.js"
import type { World } from "../world.js"
import { workPackageBody } from "./workPackageBody.js"

/** Rails' `CGI.escape`: everything but letters, digits and `_.-~` is percent-encoded (so `*` is `%2A`). */
const cgiEscape = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

const filtersJson = (query: WorkPackageQuery) =>
  JSON.stringify(query.filters.map((f) => ({ [f.name]: { operator: f.operator, values: f.values } })))

/** A link href repeating the effective query, keys sorted like Rails' `to_query`. */
const href = (basePath: string, query: WorkPackageQuery, offset: string, pageSize: string) =>
  `${basePath}?filters=${cgiEscape(filtersJson(query))}&offset=${offset}&pageSize=${pageSize}&sortBy=${cgiEscape(JSON.stringify(query.sortBy))}`

/** `GET /api/v3/work_packages` and `GET /api/v3/projects/{id}/work_packages` (work_package_collection.json). */
export const workPackageCollectionBody = (
  basePath: string,
  query: WorkPackageQuery,
  total: number,
  page: ReadonlyArray<WorkPackageRecord>,
  world: World,
  /** Link a next page whatever the total says (the `endlessPages` fault). */
  alwaysNext = false
) => {
  const { offset, pageSize } = query
  const size = String(pageSize)
  return {
    _type: "WorkPackageCollection",
    total,
    count: page.length,
    pageSize,
    offset,
    _embedded: { elements: page.map((wp) => workPackageBody(wp, world)) },
    _links: {
      self: { href: href(basePath, query, String(offset), size) },
      jumpTo: { href: href(basePath, query, "%7Boffset%7D", size), templated: true },
      changeSize: { href: href(basePath, query, String(offset), "%7Bsize%7D"), templated: true },
      ...(alwaysNext || offset * pageSize < total
        ? { nextByOffset: { href: href(basePath, query, String(offset + 1), size) } }
        : {}),
      ...(offset > 1 ? { previousByOffset: { href: href(basePath, query, String(offset - 1), size) } } : {}),
      createWorkPackage: { href: "/api/v3/work_packages/form", method: "post" },
      createWorkPackageImmediate: { href: "/api/v3/work_packages", method: "post" }
    }
  }
}
