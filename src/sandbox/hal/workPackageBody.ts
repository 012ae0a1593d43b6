import type { WorkPackageRecord } from "../state.js"
import type { World } from "../world.js"
import { statusBody, statusHref } from "./statusBody.js"
import { userHref } from "./userBody.js"

export const workPackageHref = (id: number) => `/api/v3/work_packages/${id}`

export const iso = (millis: number) => new Date(millis).toISOString()

/**
 * A WorkPackage as `GET /api/v3/work_packages/{id}` renders it for a user who may edit and comment
 * (work_package.json). Links to resources the sandbox does not model (watchers, relations, custom
 * actions, versions) are left out. The hierarchy is flat: `ancestors` and `children` are present and empty,
 * as OpenProject renders them for a work package without parent or children.
 */
export const workPackageBody = (wp: WorkPackageRecord, world: World) => {
  const status = world.statusById(wp.statusId)
  const type = world.typeById(wp.typeId)
  const self = workPackageHref(wp.id)
  return {
    _type: "WorkPackage",
    id: wp.id,
    lockVersion: wp.lockVersion,
    subject: wp.subject,
    description: { format: "markdown", raw: "", html: "" },
    scheduleManually: false,
    // Unset dates and estimates are null, as OpenProject renders them (its spec types them as strings,
    // but its own WorkPackage example has `startDate: null`).
    startDate: null,
    dueDate: null,
    derivedStartDate: null,
    derivedDueDate: null,
    estimatedTime: null,
    derivedEstimatedTime: null,
    percentageDone: status?.defaultDoneRatio ?? 0,
    createdAt: iso(wp.createdAt),
    updatedAt: iso(wp.updatedAt),
    _links: {
      self: { href: self, title: wp.subject },
      schema: { href: `/api/v3/work_packages/schemas/${world.project.id}-${wp.typeId}` },
      update: { href: `${self}/form`, method: "post", title: `Update ${wp.subject}` },
      updateImmediately: { href: self, method: "patch", title: `Update ${wp.subject}` },
      activities: { href: `${self}/activities` },
      addComment: { href: `${self}/activities`, method: "post", title: "Add comment" },
      attachments: { href: `${self}/attachments` },
      author: { href: userHref(world.colleague.id), title: world.colleague.name },
      assignee: { href: null },
      responsible: { href: null },
      priority: { href: "/api/v3/priorities/8", title: "Normal" },
      project: { href: `/api/v3/projects/${world.project.id}`, title: world.project.name },
      status: { href: statusHref(wp.statusId), title: status?.name ?? "" },
      type: { href: `/api/v3/types/${wp.typeId}`, title: type?.name ?? "" },
      watchers: { href: `${self}/watchers` },
      ancestors: [],
      children: [],
      relations: { href: `${self}/relations`, title: "Show relations" },
      revisions: { href: `${self}/revisions` }
    },
    _embedded: status === undefined ? {} : { status: statusBody(status) }
  }
}
