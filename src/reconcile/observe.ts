import { Effect } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { ObservedState } from "../domain/observed.js"
import type { OpenProjectError } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"

/**
 * Reads everything the planner needs in O(N / pageSize) requests: the status list and one filtered
 * collection query for every work package the plans name (closed ones included). Several documents are
 * observed together: the union of their work packages, once. The client asks for each id once however
 * often it is named (the one place ids are de-duplicated).
 */
export const observe = (
  desired: DesiredState | ReadonlyArray<DesiredState>
): Effect.Effect<ObservedState, OpenProjectError, OpenProject> =>
  Effect.gen(function* () {
    const op = yield* OpenProject
    const documents: ReadonlyArray<DesiredState> = Array.isArray(desired) ? desired : [desired]
    const ids = documents.flatMap((d) => d.rows.map((r) => r.workPackageId))
    const [statuses, workPackages] = yield* Effect.all([op.statuses(), op.observe(ids)], { concurrency: 2 })
    return { statuses, workPackages }
  })
