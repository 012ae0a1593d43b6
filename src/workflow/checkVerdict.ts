import { BUILT } from "../domain/built.js"
import type { Status } from "../domain/observed.js"
import { PlannedChange, type WorkflowCheck } from "../domain/plan.js"
import { stateKey } from "../domain/states.js"
import type { RouteTable } from "./routes.js"

/**
 * What a planned change becomes once OpenProject's form has answered for it. Pure: the answer, the routes and
 * the server's statuses in, the change with its `check` (and `route`) out, plus warnings for routes that
 * cannot be used.
 */

/** The form's answer for one change, names resolved. */
export interface FormAnswer {
  /** OpenProject's message when it would refuse the change. */
  readonly refusal?: string | undefined
  /** Status names allowed from the persisted status, the current one included, by position. */
  readonly allowed: ReadonlyArray<string>
}

export interface CheckedChange {
  readonly change: PlannedChange
  readonly warnings: ReadonlyArray<string>
}

const withCheck = (change: PlannedChange, check: WorkflowCheck, route?: readonly [string, ...Array<string>]) =>
  new PlannedChange(
    {
      ...change,
      check,
      ...(route === undefined ? { route: undefined } : { route })
    },
    BUILT
  )

export const verdictFor = (
  change: PlannedChange,
  answer: FormAnswer,
  context: {
    readonly routes: RouteTable
    readonly typeName?: string | undefined
    readonly statusByName: (name: string) => Status | undefined
  }
): CheckedChange => {
  if (answer.refusal === undefined) return { change: withCheck(change, { result: "allowed" }), warnings: [] }
  const refused: WorkflowCheck = { result: "refused", message: answer.refusal, allowed: answer.allowed }
  const route = context.routes.lookup(change.from, change.to, context.typeName)
  if (route === undefined) return { change: withCheck(change, refused), warnings: [] }
  const hops = route.via.map((name) => ({ name, status: context.statusByName(name) }))
  const unknown = hops.filter((h) => h.status === undefined).map((h) => h.name)
  if (unknown.length > 0) {
    return {
      change: withCheck(change, refused),
      warnings: [
        `wp#${change.workPackageId}: the route ${route.from} -> ${route.to} passes through ` +
          `${unknown.map((n) => `"${n}"`).join(", ")}, which this OpenProject does not have; the change is planned ` +
          "directly. Use OpenProject's status names in the route."
      ]
    }
  }
  const [first, ...rest] = hops.map((h) => h.status?.name ?? h.name)
  if (first === undefined) return { change: withCheck(change, refused), warnings: [] }
  const routeHops: readonly [string, ...Array<string>] = [first, ...rest, change.to]
  const firstAllowed = answer.allowed.some((name) => stateKey(name) === stateKey(first))
  return { change: withCheck(change, firstAllowed ? { result: "allowed" } : refused, routeHops), warnings: [] }
}

/** A change whose check could not be made: `reason` says why (an error message, or the flag that skipped it). */
export const unchecked = (change: PlannedChange, reason: string): PlannedChange =>
  withCheck(change, { result: "unchecked", reason })
