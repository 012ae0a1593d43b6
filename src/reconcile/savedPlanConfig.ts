import { posix } from "node:path"
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
