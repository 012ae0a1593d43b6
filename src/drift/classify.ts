import type { Cause } from "../domain/cause.js"
import type { WorkPackageActivity } from "../domain/history.js"
import { stateKey } from "../domain/states.js"
import { markersIn, type RecognisedMarker } from "./marker.js"

/**
 * The drift classifier: a three-way diff of desired (the plan now), last-applied (op-reconcile's latest
 * marker) and live (OpenProject now), and, when OpenProject moved, who moved it. Pure: a function of the
 * work package's activities as OpenProject lists them.
 */

export interface StatusRef {
  readonly id: number
  readonly name: string
}

export interface ClassifyInput {
  readonly workPackageId: number
  /** The status the plan asks for now. */
  readonly desired: StatusRef
  /** The status OpenProject shows now. */
  readonly live: StatusRef
  /** The work package's activities, oldest first. */
  readonly history: ReadonlyArray<WorkPackageActivity>
  /**
   * The users whose markers are op-reconcile's own (the API token's user): anyone can write a comment that
   * looks like a marker, and a planted one must not decide what op-reconcile set.
   */
  readonly appliedBy: ReadonlySet<number>
}

/** The journal after op-reconcile's own that put the work package where it is now. */
export interface Edit {
  readonly userId: number | undefined
  /** `_links.user.title`, when the server rendered one. */
  readonly userTitle: string | undefined
  readonly at: string | undefined
}

export interface LastAppliedState {
  readonly statusName: string
  /** Absent for a version 1 marker, which named the status only in words. */
  readonly statusId: number | undefined
  readonly at: string | undefined
  readonly commit: string | undefined
  readonly source: string | undefined
  readonly line: number | undefined
}

export interface Verdict {
  readonly cause: Cause
  readonly lastApplied: LastAppliedState | undefined
  /** For `edited-in-openproject` and `both-changed`, when the journals tell. */
  readonly edit: Edit | undefined
  /** Whether OpenProject moved away from the last-applied state (also when the plan did too). */
  readonly editedSince: boolean
}

interface Found {
  readonly index: number
  readonly state: LastAppliedState
}

const toState = (marker: RecognisedMarker, activity: WorkPackageActivity): LastAppliedState | undefined => {
  if (marker.version === 2) {
    const m = marker.applied
    return {
      statusName: m.to,
      statusId: m.toId,
      at: activity.createdAt,
      commit: m.commit,
      source: m.source,
      line: m.line
    }
  }
  return marker.toName === undefined
    ? undefined
    : {
        statusName: marker.toName,
        statusId: undefined,
        at: activity.createdAt,
        commit: undefined,
        source: undefined,
        line: undefined
      }
}

/** op-reconcile's latest marker for this work package, in a comment by one of its own users. */
const latestMarker = (input: ClassifyInput): Found | undefined => {
  for (let index = input.history.length - 1; index >= 0; index--) {
    const activity = input.history[index]
    if (activity === undefined || activity.userId === undefined || !input.appliedBy.has(activity.userId)) continue
    const markers = markersIn(activity.comment).filter((m) => m.wp === input.workPackageId)
    for (let i = markers.length - 1; i >= 0; i--) {
      const marker = markers[i]
      const state = marker === undefined ? undefined : toState(marker, activity)
      if (state !== undefined) return { index, state }
    }
  }
  return undefined
}

const sameStatus = (state: LastAppliedState, status: StatusRef): boolean =>
  state.statusId === undefined ? stateKey(state.statusName) === stateKey(status.name) : state.statusId === status.id

const decodeEntities = (html: string): string =>
  html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")

/**
 * The value a detail changed to: its HTML marks each value with <i>, the new one last ("changed from <i>A</i>
 * to <i>B</i>", "set to <i>B</i>"). The sentence around it is translated and never read; the status
 * names inside are stored names, the same in every language.
 */
const newValueOf = (html: string): string | undefined => {
  const values = [...html.matchAll(/<i>([^<]*)<\/i>/g)].map((m) => decodeEntities(m[1] ?? ""))
  return values[values.length - 1]
}

/** Who moved it: the latest journal after op-reconcile's that set the live status, else the latest change. */
const findEdit = (input: ClassifyInput, after: number): Edit | undefined => {
  const changes = input.history
    .slice(after + 1)
    .filter((a) => a.details.length > 0 && !(a.userId !== undefined && input.appliedBy.has(a.userId)))
  const setLive = changes.filter((a) => a.details.some((d) => newValueOf(d.html) === input.live.name))
  const journal = setLive[setLive.length - 1] ?? changes[changes.length - 1]
  return journal === undefined
    ? undefined
    : { userId: journal.userId, userTitle: journal.userTitle, at: journal.createdAt }
}

export const classify = (input: ClassifyInput): Verdict => {
  const found = latestMarker(input)
  if (found === undefined) return { cause: "first-sync", lastApplied: undefined, edit: undefined, editedSince: false }
  const planMoved = !sameStatus(found.state, input.desired)
  const liveMoved = !sameStatus(found.state, input.live)
  const edit = liveMoved ? findEdit(input, found.index) : undefined
  const cause: Cause = liveMoved ? (planMoved ? "both-changed" : "edited-in-openproject") : "plan-changed"
  return { cause, lastApplied: found.state, edit, editedSince: liveMoved }
}
