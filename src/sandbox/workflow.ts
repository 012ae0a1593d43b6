import { Either } from "effect"
import {
  type ApiError,
  notFound,
  resourceTypeMismatch,
  statusMissing,
  transitionRefused,
  updateConflict
} from "./apiError.js"
import type { Journal } from "./journal.js"
import { changeStatus, journalize, recordNotify, type SandboxState, type WorkPackageRecord } from "./state.js"
import type { World } from "./world.js"

/**
 * The writes, as pure state transitions checked in OpenProject's order (README §5): the status link must
 * point at a status, the lockVersion must be the current one, and the workflow must allow the transition.
 */

export interface StatusPatch {
  readonly lockVersion: unknown
  /** `undefined` when the body has no status link; `null` for `{"href": null}`. */
  readonly statusHref: string | null | undefined
}

const STATUS_PATH = /^\/api\/v3\/statuses\/(\d+)$/

/** The status id a link names; a link to anything but a status is a ResourceTypeMismatch. */
export const statusIdOf = (href: string | null | undefined): Either.Either<number | undefined, ApiError> => {
  if (href === undefined) return Either.right(undefined)
  if (href === null) return Either.left(statusMissing())
  const match = STATUS_PATH.exec(href)
  return match?.[1] === undefined ? Either.left(resourceTypeMismatch(href)) : Either.right(Number(match[1]))
}

export const updateStatus = (
  state: SandboxState,
  world: World,
  input: {
    readonly id: number
    readonly patch: StatusPatch
    readonly notify: boolean
    readonly now: number
    /** Who saves it: the journal is theirs. */
    readonly userId: number
  }
): readonly [Either.Either<WorkPackageRecord, ApiError>, SandboxState] => {
  const wp = state.workPackages.get(input.id)
  if (wp === undefined) return [Either.left(notFound("work package")), state]
  const targetId = statusIdOf(input.patch.statusHref)
  if (Either.isLeft(targetId)) return [Either.left(targetId.left), state]
  // A missing lockVersion is a conflict too: OpenProject cannot tell that the client saw the latest version.
  if (input.patch.lockVersion !== wp.lockVersion) return [Either.left(updateConflict()), state]
  const target = targetId.right === undefined ? undefined : world.statusById(targetId.right)
  if (targetId.right !== undefined && target === undefined) return [Either.left(statusMissing()), state]
  const noted = recordNotify(state, { workPackageId: wp.id, kind: "update", notify: input.notify })
  // Nothing to change: nothing is saved, so the lockVersion stays.
  if (target === undefined || target.id === wp.statusId) return [Either.right(wp), noted]
  if (!world.allowsTransition(wp.typeId, wp.statusId, target.id)) return [Either.left(transitionRefused()), state]
  const saved = changeStatus(noted, wp, target.id, input.userId, input.now)
  return [Either.right(saved.wp), saved.state]
}

export const addComment = (
  state: SandboxState,
  input: {
    readonly id: number
    readonly text: string
    readonly notify: boolean
    readonly now: number
    readonly userId: number
  }
): readonly [Either.Either<{ readonly wp: WorkPackageRecord; readonly journal: Journal }, ApiError>, SandboxState] => {
  const wp = state.workPackages.get(input.id)
  if (wp === undefined) return [Either.left(notFound("work package")), state]
  const noted = recordNotify(state, { workPackageId: wp.id, kind: "comment", notify: input.notify })
  const result = journalize(noted, wp, {
    userId: input.userId,
    at: input.now,
    comment: input.text,
    statusChange: undefined
  })
  return [Either.right({ wp: result.wp, journal: result.journal }), result.state]
}
