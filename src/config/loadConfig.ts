import { createHash } from "node:crypto"
import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import { Effect, Either } from "effect"
import { checkTableSpec, DEFAULT_TABLE_SPEC, type TableSpec } from "../desired/TableSpec.js"
import { makeVocabulary } from "../domain/vocabulary.js"
import type { ConfigFile } from "./ConfigFile.js"
import { routesOfConfig } from "./configRoutes.js"
import { ConfigInvalid, ConfigProblem, ConfigUnreadable } from "./errors.js"
import { expandSource } from "./expandSources.js"
import { type ParsedConfig, parseConfig } from "./parseConfig.js"
import type { PlanSpec, RunConfig } from "./RunConfig.js"

type PlanEntry = ConfigFile["plans"][number]

const tableOf = (entry: PlanEntry): Either.Either<TableSpec, string> => {
  const table = entry.table
  if (table === undefined) return Either.right(DEFAULT_TABLE_SPEC)
  const checked = checkTableSpec({
    columns: table.header ?? DEFAULT_TABLE_SPEC.columns,
    idColumn: table.workPackageColumn ?? DEFAULT_TABLE_SPEC.idColumn,
    statusColumn: table.statusColumn ?? DEFAULT_TABLE_SPEC.statusColumn
  })
  return Either.map(checked, (spec) => (table.under === undefined ? spec : { ...spec, under: table.under }))
}

// checkTableSpec speaks in command-line options; in a config the same advice names the keys.
const inConfigTerms = (problem: string): string =>
  problem.replace("pass --id-column", "set workPackageColumn").replace("pass --status-column", "set statusColumn")

/** Every plan the config names, with globs expanded, or every problem with its place in the config. */
const resolvePlans = (parsed: ParsedConfig, configDir: string) =>
  Effect.gen(function* () {
    const path = yield* Path.Path
    const { config } = parsed
    const problems: Array<ConfigProblem> = []
    const plans: Array<PlanSpec> = []
    for (const [index, entry] of config.plans.entries()) {
      const table = tableOf(entry)
      if (Either.isLeft(table)) {
        problems.push(
          new ConfigProblem({
            ...parsed.positionOf(["plans", index, "table"]),
            message: `plans[${index}].table: ${inConfigTerms(table.left)}`
          })
        )
        continue
      }
      const expansion = yield* expandSource(configDir, entry.source)
      const at = parsed.positionOf(["plans", index, "source"])
      switch (expansion._tag) {
        case "NoMatch":
          problems.push(
            new ConfigProblem({
              ...at,
              message: `the glob ${entry.source} matches no file (relative to ${configDir === "" ? "." : configDir}/)`
            })
          )
          break
        case "Missing":
          problems.push(
            new ConfigProblem({
              ...at,
              message: `the plan ${entry.source} cannot be read: ${expansion.reason} (paths are relative to the config's directory)`
            })
          )
          break
        case "Files": {
          const vocabulary = makeVocabulary({
            states: [config.states ?? {}, entry.states ?? {}],
            ...(config.qualifiers === undefined ? {} : { qualifiers: config.qualifiers })
          })
          for (const source of expansion.files) {
            plans.push({
              source,
              path: path.isAbsolute(source) ? source : path.join(configDir, source),
              table: table.right,
              vocabulary
            })
          }
        }
      }
    }
    return { plans, problems }
  })

/**
 * Reads, checks and resolves a config file: YAML and schema errors, tables that could never match, sources
 * that do not exist and globs that match nothing are all reported together, each at its line, before
 * anything else happens.
 */
export const loadConfig = (
  file: string,
  options: { readonly defaulted: boolean } = { defaulted: false }
): Effect.Effect<RunConfig, ConfigInvalid | ConfigUnreadable, FileSystem.FileSystem | Path.Path> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const unreadable = (reason: string) => new ConfigUnreadable({ file, reason, defaulted: options.defaulted })
    const info = yield* fs.stat(file).pipe(Effect.mapError(() => unreadable("no such file")))
    if (info.type !== "File") return yield* unreadable("it is not a regular file")
    const bytes = yield* fs.readFile(file).pipe(Effect.mapError((e) => unreadable(e.message)))
    const text = yield* Either.try({
      try: () => new TextDecoder("utf-8", { fatal: true }).decode(bytes),
      catch: () => unreadable("the file is not valid UTF-8")
    })
    const parsed = yield* parseConfig(text, file)
    const configDir = path.dirname(file)
    const { config } = parsed
    const resolved = yield* resolvePlans(parsed, configDir === "." ? "" : configDir)
    const routes = routesOfConfig(config.routes, parsed.positionOf)
    const problems = [...resolved.problems, ...routes.problems].sort((a, b) => a.line - b.line || a.column - b.column)
    if (problems.length > 0) return yield* new ConfigInvalid({ file, problems })
    return {
      file,
      sha256: createHash("sha256").update(bytes).digest("hex"),
      plans: resolved.plans,
      routes: routes.routes,
      ...(config.openproject?.url === undefined ? {} : { openProjectUrl: config.openproject.url }),
      ...(config.maxChanges === undefined ? {} : { maxChanges: config.maxChanges }),
      ...(config.selfHeal === undefined ? {} : { selfHeal: config.selfHeal })
    }
  }).pipe(Effect.withSpan("loadConfig", { attributes: { file } }))
