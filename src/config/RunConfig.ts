import type { TableSpec } from "../desired/TableSpec.js"
import type { Vocabulary } from "../domain/vocabulary.js"
import type { Route } from "../workflow/routes.js"

/** One plan document of a run, with how to read it and what its words mean. */
export interface PlanSpec {
  /**
   * The plan's name in every report: its path relative to the config's directory, `/`-separated (for
   * `--source`, the path as given). Items of the plan carry it as `source`.
   */
  readonly source: string
  /** Where to open it from the current directory. */
  readonly path: string
  readonly table: TableSpec
  readonly vocabulary: Vocabulary
}

/** Everything a run needs from `op-reconcile.yml`, checked and resolved against the file system. */
export interface RunConfig {
  /** The config's path as given (reports and errors name it so). */
  readonly file: string
  /** sha256 of the config's bytes, recorded in saved plans. */
  readonly sha256: string
  readonly openProjectUrl?: string
  readonly maxChanges?: number
  /** `routes:`, checked: where the workflow refuses a transition, the statuses to pass through. */
  readonly routes: ReadonlyArray<Route>
  /** `selfHeal:`; absent when the config does not say (the run's default, true, applies). */
  readonly selfHeal?: boolean
  /** In the config's order; a glob's matches in path order. */
  readonly plans: ReadonlyArray<PlanSpec>
}
