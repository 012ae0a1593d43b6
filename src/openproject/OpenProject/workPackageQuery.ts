/**
 * The bulk read of work packages: one collection query per chunk of ids.
 *
 * The `id` filter does two jobs: it asks only for the plan's work packages, and, being an explicit filter,
 * it replaces OpenProject's default "open only" filter, so closed and rejected work packages are returned too.
 */

/** OpenProject's default maximum page size (`apiv3_max_page_size`); larger values are clamped, not refused. */
export const PAGE_SIZE = 1000

/**
 * Longest request target (path + query) the client sends. Apache and nginx, the usual proxies in front of
 * OpenProject, refuse request lines over 8 KB by default, and Puma refuses query strings over 10 KB.
 */
export const REQUEST_TARGET_BUDGET = 7500

/**
 * Percent-encodes a query value, leaving `,` and `:` as they are: both are allowed in a query (RFC 3986)
 * and they are most of the id list, so more ids fit in one request.
 */
export const encodeQueryValue = (value: string): string =>
  encodeURIComponent(value).replace(/%2C/g, ",").replace(/%3A/g, ":")

export const idFilter = (ids: ReadonlyArray<number>): string =>
  JSON.stringify([{ id: { operator: "=", values: ids.map(String) } }])

/** The request target of the first page for these ids, e.g. "/api/v3/work_packages?filters=…&pageSize=1000&offset=1". */
export const collectionTarget = (pathPrefix: string, ids: ReadonlyArray<number>): string =>
  `${pathPrefix}/api/v3/work_packages?filters=${encodeQueryValue(idFilter(ids))}&pageSize=${PAGE_SIZE}&offset=1`

/**
 * Splits ids into chunks whose request target fits the budget and whose answer fits one page.
 * `pathPrefix` is the instance's sub-path ("" at the root), which counts against the budget.
 */
export const chunkIds = (
  pathPrefix: string,
  ids: ReadonlyArray<number>,
  budget: number = REQUEST_TARGET_BUDGET
): ReadonlyArray<ReadonlyArray<number>> => {
  const emptyLength = collectionTarget(pathPrefix, []).length
  // Each id adds `"<id>"` plus a separating comma, the first one none.
  const idCost = (id: number) => encodeQueryValue(`"${id}"`).length + 1
  const chunks: Array<Array<number>> = []
  let current: Array<number> = []
  let length = emptyLength - 1
  for (const id of ids) {
    const cost = idCost(id)
    if (current.length > 0 && (current.length >= PAGE_SIZE || length + cost > budget)) {
      chunks.push(current)
      current = []
      length = emptyLength - 1
    }
    current.push(id)
    length += cost
  }
  if (current.length > 0) chunks.push(current)
  return chunks
}
