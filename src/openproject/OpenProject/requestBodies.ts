/**
 * The bodies the client writes. PATCH sends only what changes plus the lockVersion that proves which version
 * it changes; a comment cannot ride along in the PATCH (OpenProject drops unknown keys), so it is its own POST.
 */

export const setStatusBody = (lockVersion: number, statusHref: string) => ({
  lockVersion,
  _links: { status: { href: statusHref } }
})

export const commentBody = (text: string) => ({ comment: { raw: text } })

/** The form validates nothing in particular: an empty change yields the schema with the allowed statuses. */
export const emptyFormBody = {}
