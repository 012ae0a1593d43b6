import type * as FileSystem from "@effect/platform/FileSystem"
import type * as Path from "@effect/platform/Path"
import { Effect, Option, Schema } from "effect"
import { DEFAULT_CONFIG_FILE } from "../config/defaultConfigFile.js"
import type { ConfigError } from "../config/errors.js"
import type { TableSpec } from "../desired/TableSpec.js"
import type { ConfigRef, PlanDocumentRef } from "../reconcile/Reconciler.js"
import type { Route } from "../workflow/routes.js"

/** `--source` and `--config` name the plans in two ways; both at once cannot mean anything. */
export class SourceAndConfig extends Schema.TaggedError<SourceAndConfig>()("SourceAndConfig", {}) {
  override get message(): string {
    return "--source and --config exclude each other: --source reads one plan, --config the plans of a config. Choose one."
  }
}

/** The plans a command reads, and what the config adds to the command line. */
export interface PlanSelection {
  readonly documents: readonly [PlanDocumentRef, ...Array<PlanDocumentRef>]
  readonly config?: ConfigRef
  /** What the sticky pull-request comment is keyed by: the config's path, or the plan's for --source. */
  readonly marker: string
  /** A file in the repository, to find the commit (`git rev-parse` runs in its directory). */
  readonly anchor: string
  readonly openProjectUrl?: string
  readonly maxChanges?: number
  /** The config's `routes:` (checked by loadConfig); none for --source. */
  readonly routes?: ReadonlyArray<Route>
  /** The config's `selfHeal:`, when it says. */
  readonly selfHeal?: boolean
}

export interface SourceValues {
  readonly source: Option.Option<string>
  readonly config: Option.Option<string>
  readonly tableSpec: TableSpec
}

/**
 * `--source FILE` is one plan read with the table options, as always; otherwise the config (`--config`, or
 * ./op-reconcile.yml) is read and checked whole before anything else happens.
 */
export const selectPlans = (
  o: SourceValues
): Effect.Effect<PlanSelection, SourceAndConfig | ConfigError, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    if (Option.isSome(o.source) && Option.isSome(o.config)) return yield* new SourceAndConfig()
    if (Option.isSome(o.source)) {
      const path = o.source.value
      return { documents: [{ path, tableSpec: o.tableSpec }], marker: path, anchor: path }
    }
    const file = Option.getOrElse(o.config, () => DEFAULT_CONFIG_FILE)
    // Loaded here, not at start-up: a run with --source reads no config, and needs neither the YAML parser
    // nor the config's schema.
    const { loadConfig } = yield* Effect.promise(() => import("../config/loadConfig.js"))
    const config = yield* loadConfig(file, { defaulted: Option.isNone(o.config) })
    const [first, ...rest] = config.plans.map(
      (plan): PlanDocumentRef => ({
        path: plan.path,
        source: plan.source,
        tableSpec: plan.table,
        vocabulary: plan.vocabulary
      })
    )
    // loadConfig refuses an empty plans list; a config whose plans resolve to nothing is a bug here.
    if (first === undefined) return yield* Effect.dieMessage(`${file}: no plans after resolving the config`)
    return {
      documents: [first, ...rest],
      config: { path: file, sha256: config.sha256 },
      marker: file,
      anchor: file,
      ...(config.openProjectUrl === undefined ? {} : { openProjectUrl: config.openProjectUrl }),
      ...(config.maxChanges === undefined ? {} : { maxChanges: config.maxChanges }),
      routes: config.routes,
      ...(config.selfHeal === undefined ? {} : { selfHeal: config.selfHeal })
    }
  })
