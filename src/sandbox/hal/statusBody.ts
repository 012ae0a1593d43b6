import type { StatusDef } from "../world.js"

export const statusHref = (id: number) => `/api/v3/statuses/${id}`

/** A Status as `GET /api/v3/statuses/{id}` renders it (status_collection.json). */
export const statusBody = (s: StatusDef) => ({
  _type: "Status",
  id: s.id,
  name: s.name,
  isClosed: s.isClosed,
  color: s.color,
  isDefault: s.isDefault,
  isReadonly: s.isReadonly,
  excludedFromTotals: false,
  defaultDoneRatio: s.defaultDoneRatio,
  position: s.position,
  _links: { self: { href: statusHref(s.id) } }
})

export const statusCollectionBody = (statuses: ReadonlyArray<StatusDef>) => ({
  _type: "Collection",
  total: statuses.length,
  count: statuses.length,
  _embedded: { elements: statuses.map(statusBody) },
  _links: { self: { href: "/api/v3/statuses" } }
})
