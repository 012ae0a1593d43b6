import type { Journal } from "../journal.js"
import type { WorkPackageRecord } from "../state.js"
import type { UserDef, World } from "../world.js"
import { userHref } from "./userBody.js"
import { iso, workPackageHref } from "./workPackageBody.js"

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

/**
 * One journal as an activity (activity_comment_created.json, activity_status_change.json), as `viewer` sees
 * it. `_links.user` is only an href, as in OpenProject's examples; some versions add the user's name as its
 * title (`activityUserTitles`).
 */
export const activityBody = (journal: Journal, wp: WorkPackageRecord, world: World, viewer: UserDef) => {
  const self = `/api/v3/activities/${journal.id}`
  const name = (id: number) => world.statusById(id)?.name ?? String(id)
  const details =
    journal.statusChange === undefined
      ? []
      : [
          {
            format: "custom",
            raw: `Status changed from ${name(journal.statusChange.fromId)} to ${name(journal.statusChange.toId)}`,
            html: `<strong>Status</strong> changed from <i>${escapeHtml(name(journal.statusChange.fromId))}</i> <strong>to</strong> <i>${escapeHtml(name(journal.statusChange.toId))}</i>`
          }
        ]
  const hasComment = journal.comment !== ""
  return {
    _type: hasComment ? "Activity::Comment" : "Activity",
    id: journal.id,
    version: journal.version,
    comment: {
      format: "markdown",
      raw: journal.comment,
      html: hasComment ? `<p class="op-uc-p">${escapeHtml(journal.comment)}</p>` : ""
    },
    details,
    internal: false,
    createdAt: iso(journal.createdAt),
    updatedAt: iso(journal.updatedAt),
    _links: {
      self: { href: self },
      workPackage: { href: workPackageHref(wp.id), title: wp.subject },
      user: { href: userHref(journal.userId), ...userTitle(journal.userId, world) },
      ...(hasComment && journal.userId === viewer.id ? { update: { href: self, method: "patch" } } : {})
    }
  }
}

const userTitle = (userId: number, world: World) => {
  const name = world.activityUserTitles ? world.userById(userId)?.name : undefined
  return name === undefined ? {} : { title: name }
}

/** `GET /api/v3/work_packages/{id}/activities`: every journal, oldest first, unpaginated. */
export const activityCollectionBody = (wp: WorkPackageRecord, world: World, viewer: UserDef) => ({
  _type: "Collection",
  total: wp.journals.length,
  count: wp.journals.length,
  _embedded: { elements: wp.journals.map((j) => activityBody(j, wp, world, viewer)) },
  _links: { self: { href: `${workPackageHref(wp.id)}/activities` } }
})
