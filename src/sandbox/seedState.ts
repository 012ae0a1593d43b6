import { Schema } from "effect"
import type { DesiredState } from "../domain/desired.js"
import { CANONICAL_STATES, stateKey } from "../domain/states.js"
import { makeRandom } from "./random.js"
import type { SandboxWorkPackageSeed } from "./SandboxConfig.js"

/**
 * Where a sandbox's work packages come from: a JSON state file, or a plan document whose tracking table
 * names the work packages (one per `wp#NN`), with a reproducible share of them drifted away from the plan
 * so that a reconcile run has something to do.
 */

/** The JSON state file given to `op-reconcile sandbox --seed state.json`. */
export const SandboxStateFile = Schema.Struct({
  statuses: Schema.optionalWith(
    Schema.Array(Schema.Struct({ id: Schema.Int, name: Schema.NonEmptyString, isClosed: Schema.Boolean })),
    { exact: true }
  ),
  workPackages: Schema.Array(
    Schema.Struct({
      id: Schema.Int.pipe(Schema.positive()),
      subject: Schema.String,
      status: Schema.NonEmptyString,
      type: Schema.optionalWith(Schema.NonEmptyString, { exact: true })
    })
  ),
  types: Schema.optionalWith(
    Schema.Array(
      Schema.Struct({
        name: Schema.NonEmptyString,
        statuses: Schema.optionalWith(Schema.Array(Schema.NonEmptyString), { exact: true }),
        transitions: Schema.optionalWith(
          Schema.Record({ key: Schema.String, value: Schema.Array(Schema.NonEmptyString) }),
          { exact: true }
        )
      })
    ),
    { exact: true }
  ),
  forbiddenTransitions: Schema.optionalWith(
    Schema.Array(
      Schema.Struct({
        from: Schema.String,
        to: Schema.String,
        type: Schema.optionalWith(Schema.NonEmptyString, { exact: true })
      })
    ),
    { exact: true }
  )
})
export type SandboxStateFile = typeof SandboxStateFile.Type

/** Decode the state file's text (JSON) in one step. */
export const SandboxStateJson = Schema.parseJson(SandboxStateFile)

/** A row without a readable state still names a real work package; it exists in the sandbox as New. */
const STATUS_OF_SKIPPED_ROW = "New"

/**
 * One work package per row of the plan, subject from the row's label. `driftShare` (0..1) of them, picked
 * by `seed`, are in another canonical state than the plan asks for; the same seed picks the same ones.
 */
export const seedFromPlan = (
  desired: DesiredState,
  opts: { readonly driftShare: number; readonly seed: number }
): ReadonlyArray<SandboxWorkPackageSeed> => {
  const seeds = new Map<number, SandboxWorkPackageSeed>()
  for (const row of desired.rows) {
    if (!seeds.has(row.workPackageId)) {
      seeds.set(row.workPackageId, {
        id: row.workPackageId,
        subject: row.label.trim() === "" ? `Work package ${row.workPackageId}` : row.label,
        status: row.state
      })
    }
  }
  for (const row of desired.skipped) {
    if (row.workPackageId !== undefined && !seeds.has(row.workPackageId)) {
      seeds.set(row.workPackageId, {
        id: row.workPackageId,
        subject: `Work package ${row.workPackageId}`,
        status: STATUS_OF_SKIPPED_ROW
      })
    }
  }
  const planned = [...seeds.values()].sort((a, b) => a.id - b.id)
  const random = makeRandom(opts.seed)
  const share = Math.min(1, Math.max(0, opts.driftShare))
  const driftCount = Math.round(share * planned.length)
  // A seeded Fisher-Yates shuffle of the positions; the first driftCount positions drift.
  const order = planned.map((_, i) => i)
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1))
    const a = order[i]
    const b = order[j]
    if (a !== undefined && b !== undefined) {
      order[i] = b
      order[j] = a
    }
  }
  const drifted = new Set(order.slice(0, driftCount))
  return planned.map((wp, i) => {
    if (!drifted.has(i)) return wp
    const others = CANONICAL_STATES.filter((s) => stateKey(s) !== stateKey(wp.status))
    const status = others[Math.floor(random() * others.length)] ?? wp.status
    return { ...wp, status }
  })
}
