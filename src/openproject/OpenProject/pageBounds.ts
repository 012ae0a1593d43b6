/**
 * How many pages a collection query for `asked` work packages can have, by the server's own first answer:
 * never more than its `total` (nor than the ids asked, since each matches at most one work package) divided
 * by the page size it answered with. A server that links a page beyond that is not paging like OpenProject
 * (or is hostile), and reading on would never end.
 */
export const maxPages = (page: { readonly asked: number; readonly total: number; readonly pageSize: number }) => {
  const elements = Math.max(0, Math.min(page.asked, page.total))
  return Math.max(1, Math.ceil(elements / Math.max(1, page.pageSize)))
}
