import { Option } from "effect"
import { BUILT } from "../../domain/built.js"
import { ActivityDetail, UserName, WorkPackageActivity } from "../../domain/history.js"
import { ObservedWorkPackage, Status } from "../../domain/observed.js"
import {
  type ActivityCollection,
  decodeFormValidationError,
  type HalActivity,
  type HalStatus,
  type HalUser,
  type HalWorkPackage,
  idFromHref,
  type WorkPackageForm
} from "../Hal.js"
import { AllowedStatus, CurrentUser, FormRefusal, TransitionCheck } from "../Results.js"

// Every value below is built from a body its Schema has just decoded (BUILT: not validated a second time).

export const toObservedWorkPackage = (wp: HalWorkPackage): ObservedWorkPackage => {
  const statusId = wp._links.status.id
  return new ObservedWorkPackage(
    {
      id: wp.id,
      subject: wp.subject,
      lockVersion: wp.lockVersion,
      statusId,
      statusName: wp._links.status.title ?? `status ${statusId}`,
      ...(wp._links.type?.title === undefined ? {} : { typeName: wp._links.type.title })
    },
    BUILT
  )
}

export const toStatus = (status: typeof HalStatus.Type): Status =>
  new Status(
    {
      id: status.id,
      name: status.name,
      isClosed: status.isClosed,
      href: status._links.self.href,
      ...(status.isDefault === undefined ? {} : { isDefault: status.isDefault })
    },
    BUILT
  )

/** Raw texts of the comments, oldest first; activities that only record field changes have an empty comment. */
export const toCommentTexts = (activities: typeof ActivityCollection.Type): ReadonlyArray<string> =>
  activities._embedded.elements.flatMap((a) => {
    const raw = a.comment?.raw
    return raw === undefined || raw === null || raw === "" ? [] : [raw]
  })

export const toAllowedStatuses = (form: typeof WorkPackageForm.Type): ReadonlyArray<AllowedStatus> =>
  (form._embedded.schema.status?._links?.allowedValues ?? []).map(
    (link) => new AllowedStatus({ id: link.id, href: link.href, title: link.title }, BUILT)
  )

export const toCurrentUser = (user: typeof HalUser.Type): CurrentUser =>
  new CurrentUser({ id: user.id, name: user.name, login: user.login }, BUILT)

/** A user href names a user by the id it ends with, under `/users/` (not a group or a placeholder user). */
const USER_HREF = /\/users\/\d+\/?$/

export const toActivity = (a: typeof HalActivity.Type): WorkPackageActivity => {
  const user = a._links?.user ?? undefined
  const userId = user !== undefined && USER_HREF.test(user.href) ? idFromHref(user.href) : undefined
  return new WorkPackageActivity(
    {
      id: a.id,
      ...(userId === undefined ? {} : { userId }),
      ...(user?.title === undefined || user.title === "" ? {} : { userTitle: user.title }),
      ...(a.createdAt === undefined || a.createdAt === null ? {} : { createdAt: a.createdAt }),
      comment: a.comment?.raw ?? "",
      details: (a.details ?? []).map((d) => new ActivityDetail({ raw: d.raw ?? "", html: d.html ?? "" }, BUILT))
    },
    BUILT
  )
}

/** Every activity, oldest first, as OpenProject lists them. */
export const toActivities = (activities: typeof ActivityCollection.Type): ReadonlyArray<WorkPackageActivity> =>
  activities._embedded.elements.map(toActivity)

export const toUserName = (user: typeof HalUser.Type): UserName => new UserName({ id: user.id, name: user.name }, BUILT)

/** The form's answer to a status change: refused when it reports a validation error on `status`. */
export const toTransitionCheck = (form: typeof WorkPackageForm.Type): TransitionCheck => {
  const statusError = decodeFormValidationError(form._embedded.validationErrors?.status)
  return new TransitionCheck(
    {
      allowed: toAllowedStatuses(form),
      ...Option.match(statusError, {
        onNone: () => ({}),
        onSome: (e) => ({
          refusal: new FormRefusal({ errorIdentifier: e.errorIdentifier, message: e.message }, BUILT)
        })
      })
    },
    BUILT
  )
}
