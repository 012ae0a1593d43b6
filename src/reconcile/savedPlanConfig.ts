import { posix } from "node:path"
import { Either, Schema } from "effect"
import type { TableSpec } from "../desired/TableSpec.js"
import type { PlanSource } from "../domain/plan.js"
import { oneLine } from "../safeText/oneLine.js"

/**
 * A saved plan records the config it was made from (path and sha256) and every plan's digest. Its items name
 * their plans relative to that config, so it can only be applied by a run of the same config (or, for a plan
 * made with `--source`, a run with `--source`). Pure.
 */

export type SavedConfigVerdict =
  | { readonly _tag: "Same" }
  /** The same config, edited since: fine when every change still follows (checked change by change). */
  | { readonly _tag: "Changed" }
  | { readonly _tag: "Other"; readonly reason: string }

const same = (a: string, b: string) =>
  posix.normalize(a.replaceAll("\\", "/")) === posix.normalize(b.replaceAll("\\", "/"))

export const checkSavedConfig = (
  saved: { readonly config?: PlanSource | undefined; readonly sources: ReadonlyArray<PlanSource> },
  run: { readonly path: string; readonly sha256: string } | undefined
): SavedConfigVerdict => {
  if (saved.config === undefined && run === undefined) return { _tag: "Same" }
  if (saved.config !== undefined && run === undefined) {
    const path = oneLine(saved.config.path)
    return {
      _tag: "Other",
      reason: `it was made from the config ${path}; apply it with --config ${path}; nothing was written`
    }
  }
  if (saved.config === undefined && run !== undefined) {
    const source = saved.sources.map((s) => oneLine(s.path)).join(", ")
    return {
      _tag: "Other",
      reason: `it was made with --source ${source}, not from a config; apply it with --source ${source}; nothing was written`
    }
  }
  if (saved.config === undefined || run === undefined) return { _tag: "Same" }
  if (!same(saved.config.path, run.path)) {
    return {
      _tag: "Other",
      reason:
        `it was made from the config ${oneLine(saved.config.path)}, but this run reads ${oneLine(run.path)}; ` +
        "nothing was written"
    }
  }
  return saved.config.sha256 === run.sha256 ? { _tag: "Same" } : { _tag: "Changed" }
}

/** Where a saved plan says its plans are: the `--source` document (with its table), or the config. */
export type RecordedPlans =
  | { readonly _tag: "Source"; readonly path: string; readonly table?: TableSpec | undefined }
  | { readonly _tag: "Config"; readonly path: string }

/**
 * What `--apply --plan FILE` reads: the plans the saved plan records, so no `--source` or `--config` is needed
 * (Terraform's `apply plan.tfplan`). A `--source` or `--config` given anyway must name the same plan or
 * config; otherwise the problem, in the user's terms. Pure.
 */
export const recordedPlans = (
  saved: {
    readonly config?: PlanSource | undefined
    readonly sources: ReadonlyArray<PlanSource>
    readonly table?: TableSpec | undefined
  },
  flags: { readonly source?: string | undefined; readonly config?: string | undefined }
): Either.Either<RecordedPlans, string> => {
  const recorded = saved.config === undefined ? saved.sources[0]?.path : saved.config.path
  if (recorded === undefined) return Either.left("it names no plan document")
  const made = saved.config === undefined ? `--source ${oneLine(recorded)}` : `the config ${oneLine(recorded)}`
  const given =
    flags.source !== undefined
      ? { flag: "--source", path: flags.source, fits: saved.config === undefined }
      : flags.config !== undefined
        ? { flag: "--config", path: flags.config, fits: saved.config !== undefined }
        : undefined
  if (given !== undefined && !(given.fits && same(given.path, recorded))) {
    return Either.left(
      `it was made with ${made}, but this run was given ${given.flag} ${oneLine(given.path)}. A saved plan is ` +
        "applied with the plans it records: drop the flag (--apply --plan needs no --source or --config)"
    )
  }
  return Either.right(
    saved.config === undefined
      ? { _tag: "Source", path: recorded, ...(saved.table === undefined ? {} : { table: saved.table }) }
      : { _tag: "Config", path: recorded }
  )
}

/** `--apply --plan` was given a `--source` or `--config` other than the one the saved plan records. */
export class SavedPlanFlagMismatch extends Schema.TaggedError<SavedPlanFlagMismatch>()("SavedPlanFlagMismatch", {
  file: Schema.String,
  problem: Schema.String
}) {
  override get message(): string {
    return (
      `${oneLine(this.file)}: ${this.problem}: op-reconcile reconcile --apply --plan ${oneLine(this.file)}. ` +
      "Nothing was read from OpenProject or written."
    )
  }
}
