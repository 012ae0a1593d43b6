import { errorBody, STATUS_BLANK_MESSAGE, TRANSITION_REFUSED_MESSAGE } from "../apiError.js"
import type { WorkPackageRecord } from "../state.js"
import type { StatusDef, World } from "../world.js"
import { statusBody, statusHref } from "./statusBody.js"
import { workPackageHref } from "./workPackageBody.js"

/** The statuses the workflow lets the API user move this work package to, the current one included. */
export const allowedStatuses = (wp: WorkPackageRecord, world: World): ReadonlyArray<StatusDef> =>
  world.statuses.filter((s) => world.allowsTransition(wp.typeId, wp.statusId, s.id))

/**
 * `POST /api/v3/work_packages/{id}/form` (form_status_allowed_values.json, form_status_invalid_transition.json):
 * the payload as it would be saved, the schema with the allowed statuses, and the validation errors.
 */
export const formBody = (wp: WorkPackageRecord, targetId: number | undefined, world: World) => {
  const allowed = allowedStatuses(wp, world)
  const target = targetId === undefined ? undefined : world.statusById(targetId)
  const payloadStatus = target ?? world.statusById(wp.statusId)
  const problem =
    targetId === undefined
      ? undefined
      : target === undefined
        ? STATUS_BLANK_MESSAGE
        : allowed.some((s) => s.id === target.id)
          ? undefined
          : TRANSITION_REFUSED_MESSAGE
  const refused = problem !== undefined
  const self = `${workPackageHref(wp.id)}/form`
  return {
    _type: "Form",
    _embedded: {
      payload: {
        lockVersion: wp.lockVersion,
        subject: wp.subject,
        _links: {
          status: { href: statusHref(payloadStatus?.id ?? wp.statusId), title: payloadStatus?.name ?? "" }
        }
      },
      schema: {
        _type: "Schema",
        lockVersion: { type: "Integer", name: "Lock Version", required: true, hasDefault: false, writable: false },
        status: {
          type: "Status",
          name: "Status",
          required: true,
          hasDefault: true,
          writable: true,
          location: "_links",
          _embedded: { allowedValues: allowed.map(statusBody) },
          _links: { allowedValues: allowed.map((s) => ({ href: statusHref(s.id), title: s.name })) }
        },
        _links: {}
      },
      validationErrors:
        problem !== undefined ? { status: errorBody("PropertyConstraintViolation", problem, "status") } : {}
    },
    _links: {
      self: { href: self, method: "post" },
      validate: { href: self, method: "post" },
      ...(refused ? {} : { commit: { href: workPackageHref(wp.id), method: "patch" } })
    }
  }
}
