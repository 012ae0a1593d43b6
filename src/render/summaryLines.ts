import type { ApplySummary } from "../domain/outcome.js"
import type { PlanSummary } from "../domain/plan.js"

const notAttempted = (skipped: number, blocked: number): ReadonlyArray<string> => [
  ...(skipped > 0 ? [`${skipped} skipped`] : []),
  ...(blocked > 0 ? [`${blocked} blocked`] : [])
]

/** The one line a reader needs from a plan; shared by the text and markdown renderers. */
export const planSummaryLine = (s: PlanSummary): string => {
  const counts = `Plan: ${s.changes} to transition, ${s.inSync} in sync, ${s.skipped} skipped, ${s.blocked} blocked`
  const drift = `${s.drift} edited in OpenProject left as drift (self-heal off)`
  // A blocked row could not be compared: the two sides must never be said to match while one is.
  if (s.changes > 0 || s.blocked > 0) return s.drift > 0 ? `${counts}; ${drift}.` : `${counts}.`
  if (s.drift > 0) {
    // OpenProject does not match the plan: say what is left, and that it is on purpose.
    return `No changes to make: ${drift}, ${[`${s.inSync} in sync`, ...(s.skipped > 0 ? [`${s.skipped} skipped`] : [])].join(", ")}.`
  }
  // Skipped rows are out of the plan's scope (informational, operator-managed): say they were left out.
  return s.skipped === 0
    ? "No changes. OpenProject matches the plan."
    : `No changes. OpenProject matches the plan (${s.inSync} in sync); ${s.skipped} skipped.`
}

/** The one line a reader needs from an apply; the `Apply: …` sentence is stable for scripts to match. */
export const applySummaryLine = (s: ApplySummary): string => {
  const line = `Apply: ${s.applied} applied, ${s.unchanged} unchanged, ${s.failed} failed, ${s.stale} stale.`
  const rest = notAttempted(s.skipped, s.blocked)
  const withRest = rest.length === 0 ? line : `${line} Not attempted: ${rest.join(", ")}.`
  return s.drift > 0 ? `${withRest} Left as drift (self-heal off): ${s.drift} edited in OpenProject.` : withRest
}
