import { Effect } from "effect"
import type { DesiredState } from "../domain/desired.js"
import type { ObservedState } from "../domain/observed.js"
import { DEFAULT_VOCABULARY, statusNameFor, type Vocabulary } from "../domain/vocabulary.js"
import type { LastAppliedState } from "../drift/classify.js"
import type { OpenProjectError } from "../openproject/errors.js"
import type { OpenProject } from "../openproject/OpenProject.js"
import { readVerdicts, resolveNames } from "./causes.js"
import { makeStatusIndex } from "./statusIndex.js"

/**
 * For `status`: when op-reconcile last set each row's work package, and whether it was edited in OpenProject
 * since. One activities read per row read, so by default only the rows out of sync are read (where it
 * matters: someone will ask why); `all` reads every row, at one request per row.
 */

export interface RowHistory {
  readonly lastApplied: LastAppliedState | undefined
  readonly editedSince: boolean
  readonly editedBy: string | undefined
  readonly editedAt: string | undefined
}

export const readStatusHistory = (
  desired: DesiredState,
  observed: ObservedState,
  options: { readonly all: boolean; readonly concurrency: number; readonly vocabulary?: Vocabulary }
): Effect.Effect<ReadonlyMap<number, RowHistory>, OpenProjectError, OpenProject> =>
  Effect.gen(function* () {
    const statuses = makeStatusIndex(observed.statuses)
    const seen = new Set<number>()
    const items = desired.rows.flatMap((row) => {
      const wp = observed.workPackages.get(row.workPackageId)
      const target = statuses.byName(statusNameFor(options.vocabulary ?? DEFAULT_VOCABULARY, row.state))
      if (wp === undefined || target === undefined || seen.has(wp.id)) return []
      if (!options.all && wp.statusId === target.id) return []
      seen.add(wp.id)
      return [
        {
          workPackageId: wp.id,
          desired: { id: target.id, name: target.name },
          live: { id: wp.statusId, name: wp.statusName }
        }
      ]
    })
    const verdicts = yield* readVerdicts(items, options)
    const { names } = yield* resolveNames(verdicts, options)
    return new Map(
      items.map((item, i) => {
        const v = verdicts[i]
        const userId = v?.edit?.userId
        return [
          item.workPackageId,
          {
            lastApplied: v?.lastApplied,
            editedSince: v?.editedSince ?? false,
            editedBy: userId === undefined ? undefined : names.get(userId),
            editedAt: v?.edit?.at
          }
        ] as const
      })
    )
  })
