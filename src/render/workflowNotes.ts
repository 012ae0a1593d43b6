import { type Plan, type PlannedChange, WORKFLOW_CHECK_NOT_PERMITTED, WORKFLOW_CHECK_SKIPPED } from "../domain/plan.js"
import { refusalRemedy } from "../workflow/remedy.js"

/**
 * What OpenProject's workflow check said of each change, in words shared by the text, markdown and
 * annotation renderers (each escapes them for its medium). Pure.
 */

/** The statuses a change passes, from its current one: ["New", "In progress", "Closed"]. */
export const stops = (change: PlannedChange): ReadonlyArray<string> => [change.from, ...(change.route ?? [change.to])]

export const isRouted = (change: PlannedChange): boolean => change.route !== undefined && change.route.length > 1

export const isRefused = (change: PlannedChange): boolean => change.check?.result === "refused"

export const refusedChanges = (plan: Plan): ReadonlyArray<PlannedChange> => plan.changes.filter(isRefused)

/** Said once under the summary when some change would be refused; undefined when none would. */
export const refusalSummary = (plan: Plan): string | undefined => {
  const n = refusedChanges(plan).length
  if (n === 0) return undefined
  return n === 1
    ? "1 change would be refused by OpenProject's workflow: it will fail if merged as it stands."
    : `${n} changes would be refused by OpenProject's workflow: they will fail if merged as they stand.`
}

/** The verdict on one change, as sentences (none when it is plainly allowed or the check was turned off). */
export const checkNotes = (change: PlannedChange): ReadonlyArray<string> => {
  const check = change.check
  const [, firstHop] = stops(change)
  const routeNote = isRouted(change)
    ? [
        `Routed, because OpenProject refuses ${change.from} → ${change.to} directly. The first step ` +
          `(${change.from} → ${firstHop}) was checked; the later steps can only be known by walking the route, ` +
          "since OpenProject answers only for the status a work package is in."
      ]
    : []
  switch (check?.result) {
    case undefined:
    case "allowed":
      return routeNote
    case "unchecked":
      // Skipped on purpose, or a key that may not ask: said once for the plan (a flag, a warning), not per change.
      return check.reason === WORKFLOW_CHECK_SKIPPED || check.reason === WORKFLOW_CHECK_NOT_PERMITTED
        ? routeNote
        : [...routeNote, `Not checked against OpenProject's workflow: ${check.reason}`]
    case "refused": {
      const target = isRouted(change) ? (firstHop ?? change.to) : change.to
      return [
        ...routeNote,
        `Refused by OpenProject's workflow: ${change.from} → ${target} will fail if merged as it stands. ` +
          `OpenProject said: "${check.message}"`,
        refusalRemedy(change.from, target, check.allowed)
      ]
    }
  }
}
