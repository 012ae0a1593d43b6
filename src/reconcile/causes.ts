import { Effect, Either } from "effect"
import { BUILT } from "../domain/built.js"
import { LastApplied } from "../domain/cause.js"
import { type Plan, PlannedChange } from "../domain/plan.js"
import { classify, type Verdict } from "../drift/classify.js"
import type { OpenProjectError } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"

/**
 * Why each planned change is needed (drift/classify.ts), read from OpenProject for the changes only, never
 * for rows in sync: one `users/me` (whose markers are op-reconcile's own), one activities read per changed
 * work package, and one `users/{id}` per distinct person to name (none when the activities carry names).
 */

export interface HistoryOptions {
  /** Activities reads in flight at once (the client's own bound applies too). */
  readonly concurrency: number
}

export interface ExplainedChanges {
  readonly changes: ReadonlyArray<PlannedChange>
  readonly warnings: ReadonlyArray<string>
}

const lastAppliedOf = (verdict: Verdict): LastApplied | undefined => {
  const last = verdict.lastApplied
  if (last === undefined) return undefined
  return new LastApplied({
    status: last.statusName,
    ...(last.at === undefined ? {} : { at: last.at }),
    ...(last.commit === undefined ? {} : { commit: last.commit }),
    ...(last.source === undefined ? {} : { source: last.source }),
    ...(last.line === undefined ? {} : { line: last.line })
  })
}

/** The verdict of every change, from its activities; `appliedBy` is the token's user. */
export const readVerdicts = (
  items: ReadonlyArray<{
    readonly workPackageId: number
    readonly desired: { readonly id: number; readonly name: string }
    readonly live: { readonly id: number; readonly name: string }
  }>,
  options: HistoryOptions
): Effect.Effect<ReadonlyArray<Verdict>, OpenProjectError, OpenProject> =>
  Effect.gen(function* () {
    if (items.length === 0) return []
    const op = yield* OpenProject
    // Who the token is and the activities do not depend on each other: asked at once.
    const [me, histories] = yield* Effect.all(
      [
        op.me(),
        Effect.forEach(items, (item) => op.activities(item.workPackageId), { concurrency: options.concurrency })
      ],
      { concurrency: 2 }
    )
    return items.map((item, i) => classify({ ...item, history: histories[i] ?? [], appliedBy: new Set([me.id]) }))
  })

/**
 * Names for the people the verdicts name: the activity's own title when the server gave one, otherwise one
 * `users/{id}` per person. A name that cannot be read (a deleted user, no permission) is left out, with a warning.
 */
export const resolveNames = (
  verdicts: ReadonlyArray<Verdict>,
  options: HistoryOptions
): Effect.Effect<
  { readonly names: ReadonlyMap<number, string>; readonly warnings: ReadonlyArray<string> },
  never,
  OpenProject
> =>
  Effect.gen(function* () {
    const op = yield* OpenProject
    const names = new Map<number, string>()
    const unnamed = new Set<number>()
    for (const v of verdicts) {
      const id = v.edit?.userId
      if (id === undefined) continue
      if (v.edit?.userTitle !== undefined) names.set(id, v.edit.userTitle)
      else unnamed.add(id)
    }
    const toRead = [...unnamed].filter((id) => !names.has(id)).sort((a, b) => a - b)
    const read = yield* Effect.forEach(toRead, (id) => Effect.either(op.user(id)), { concurrency: options.concurrency })
    const warnings: Array<string> = []
    read.forEach((answer, i) => {
      const id = toRead[i] ?? 0
      if (Either.isRight(answer)) names.set(id, answer.right.name)
      else
        warnings.push(
          `The name of OpenProject user #${id} could not be read (${answer.left.message}); their edits are shown without it.`
        )
    })
    return { names, warnings }
  })

/** The plan's changes, each with its cause and, for an edit made in OpenProject, who made it and when. */
export const explainChanges = (
  plan: Plan,
  options: HistoryOptions
): Effect.Effect<ExplainedChanges, OpenProjectError, OpenProject> =>
  Effect.gen(function* () {
    const items = plan.changes.map((c) => ({
      workPackageId: c.workPackageId,
      desired: { id: c.toStatusId, name: c.to },
      live: { id: c.fromStatusId, name: c.from }
    }))
    const verdicts = yield* readVerdicts(items, options)
    const { names, warnings } = yield* resolveNames(verdicts, options)
    const changes = plan.changes.map((change, i) => {
      const verdict = verdicts[i]
      if (verdict === undefined) return change
      const by = verdict.edit?.userId === undefined ? undefined : names.get(verdict.edit.userId)
      const at = verdict.edit?.at
      const lastApplied = lastAppliedOf(verdict)
      return new PlannedChange(
        {
          ...change,
          cause: verdict.cause,
          ...(by === undefined ? {} : { changedBy: by }),
          ...(at === undefined ? {} : { changedAt: at }),
          ...(lastApplied === undefined ? {} : { lastApplied })
        },
        BUILT
      )
    })
    return { changes, warnings }
  })
