import { ObservedWorkPackage, Status } from "../../domain/observed.js"
import type { ActivityCollection, HalStatus, HalUser, HalWorkPackage, WorkPackageForm } from "../Hal.js"
import { AllowedStatus, CurrentUser } from "../Results.js"

export const toObservedWorkPackage = (wp: HalWorkPackage): ObservedWorkPackage => {
  const statusId = wp._links.status.id
  return new ObservedWorkPackage({
    id: wp.id,
    subject: wp.subject,
    lockVersion: wp.lockVersion,
    statusId,
    statusName: wp._links.status.title ?? `status ${statusId}`
  })
}

export const toStatus = (status: typeof HalStatus.Type): Status =>
  new Status({ id: status.id, name: status.name, isClosed: status.isClosed, href: status._links.self.href })

/** Raw texts of the comments, oldest first; activities that only record field changes have an empty comment. */
export const toCommentTexts = (activities: typeof ActivityCollection.Type): ReadonlyArray<string> =>
  activities._embedded.elements.flatMap((a) => {
    const raw = a.comment?.raw
    return raw === undefined || raw === null || raw === "" ? [] : [raw]
  })

export const toAllowedStatuses = (form: typeof WorkPackageForm.Type): ReadonlyArray<AllowedStatus> =>
  (form._embedded.schema.status?._links?.allowedValues ?? []).map(
    (link) => new AllowedStatus({ id: link.id, href: link.href, title: link.title })
  )

export const toCurrentUser = (user: typeof HalUser.Type): CurrentUser =>
  new CurrentUser({ id: user.id, name: user.name, login: user.login })
