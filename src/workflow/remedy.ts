import type { PlannedChange } from "../domain/plan.js"
import { stateKey } from "../domain/states.js"
import { routeConfigLineFor, routeFlagFor } from "./routes.js"

/**
 * The words for a transition OpenProject's workflow refused: what it allows instead, and the ways out — a
 * route through an allowed status (the flag and the config line), or the workflow admin. Pure.
 */

const ADMIN =
  "allow the transition in OpenProject (Administration → Work packages → Workflow, for this work package's " +
  "type and the API user's role)"

const allowedText = (from: string, allowed: ReadonlyArray<string>) => {
  const others = allowed.filter((name) => stateKey(name) !== stateKey(from))
  return others.length === 0
    ? `From ${from} OpenProject allows no other status for this user.`
    : `From ${from} OpenProject allows: ${others.join(", ")}.`
}

/** A direct transition refused (on the form or by a PATCH's 422), with no route configured for it. */
export const refusalRemedy = (from: string, to: string, allowed: ReadonlyArray<string>): string => {
  const via = allowed.find((name) => stateKey(name) !== stateKey(from) && stateKey(name) !== stateKey(to))
  const ways = [
    ...(via === undefined
      ? []
      : [
          `route it through a status OpenProject allows, e.g. ${via}: ${routeFlagFor(from, to, [via])}, or in ` +
            `op-reconcile.yml ${routeConfigLineFor(from, to, [via])}`
        ]),
    ADMIN,
    "change the plan"
  ]
  return `${allowedText(from, allowed)} To get to ${to}: ${ways.join("; or ")}.`
}

/** The route as people read it: New → In progress → Closed. */
export const routeText = (change: PlannedChange): string => [change.from, ...(change.route ?? [change.to])].join(" → ")

/** A hop of a route refused: where the work package now stands, and that the next run goes on from there. */
export const hopRefusedMessage = (
  change: PlannedChange,
  at: string,
  next: string,
  hopsDone: number,
  serverMessage: string
): string => {
  const total = (change.route ?? [change.to]).length
  const standing =
    hopsDone === 0
      ? `wp#${change.workPackageId} is still at ${at}`
      : `wp#${change.workPackageId} now stands at ${at} (${hopsDone} of ${total} steps of the route ${routeText(change)} made)`
  return (
    `${standing}; OpenProject's workflow refused ${at} → ${next} (422). OpenProject said: "${serverMessage}" ` +
    `The next run continues from ${at}.`
  )
}
