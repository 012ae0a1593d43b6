import { Effect } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { ObservedState } from "../domain/observed.js"
import type { OpenProjectError } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"

/**
 * Reads everything the planner needs in O(N / pageSize) requests: the status list and one filtered
 * collection query for every work package the plan names (closed ones included).
 */
export const observe = (desired: DesiredState): Effect.Effect<ObservedState, OpenProjectError, OpenProject> =>
  Effect.gen(function* () {
    const op = yield* OpenProject
    const ids = [...new Set(desired.rows.map((r) => r.workPackageId))]
    const [statuses, workPackages] = yield* Effect.all([op.statuses(), op.observe(ids)], { concurrency: 2 })
    return { statuses, workPackages }
  })
