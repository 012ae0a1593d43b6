import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import { Console, Effect, Option, Schema } from "effect"
import type { DesiredState } from "../../domain/desired.js"
import { OutputExists, writeFileExclusive } from "../../files/writeFileExclusive.js"
import { findTrackingTable } from "../../init/findTrackingTable.js"
import { matchStatuses } from "../../init/matchStatuses.js"
import { type StarterPlan, starterConfig } from "../../init/starterConfig.js"
import { OpenProject } from "../../openproject/OpenProject.js"
import { OpenProjectConfig } from "../../openproject/OpenProjectConfig.js"
import { oneLine } from "../../safeText/oneLine.js"
import type { InitOptions } from "../init.js"
import { openProjectLayer } from "../openProjectLayer.js"

/** `init` without --source found no plan in the current directory. */
export class NoPlanFound extends Schema.TaggedError<NoPlanFound>()("NoPlanFound", { directory: Schema.String }) {
  override get message(): string {
    return (
      `no markdown file in ${oneLine(this.directory)} has a tracking table: name the plans with ` +
      "`op-reconcile init --source PLAN.md` (and --header, --id-column, --status-column for another table)."
    )
  }
}

/** The plan's words, in the order they first appear: known ones as the vocabulary spells them, and unknown ones. */
const wordsOf = (desired: DesiredState): ReadonlyArray<string> =>
  [
    ...desired.rows.map((r) => ({ line: r.line, word: r.state })),
    ...desired.skipped.flatMap((s) => (s.word === undefined ? [] : [{ line: s.line, word: s.word }]))
  ]
    .sort((a, b) => a.line - b.line)
    .map((w) => w.word)

const under = (o: InitOptions): string | undefined => Option.getOrUndefined(o.under)

/** Without --source: the current directory's *.md files that have a tracking table, in name order. */
const plansHere = (o: InitOptions) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const names = (yield* fs.readDirectory(".").pipe(Effect.orElseSucceed(() => [])))
      .filter((n) => n.endsWith(".md"))
      .sort()
    // A file without a tracking table is not a plan; one with several is, and init will not guess its table.
    const found = yield* Effect.forEach(names, (name) =>
      findTrackingTable(name, o.tableSpec, under(o)).pipe(
        Effect.map((f) => [{ path: name, ...f }]),
        Effect.catchIf(
          (e) => e._tag !== "InitTableAmbiguous",
          () => Effect.succeed([])
        )
      )
    )
    const plans = found.flat()
    if (plans.length === 0) return yield* new NoPlanFound({ directory: process.cwd() })
    return plans
  })

/** The `init` command's work, loaded on first use (see lazy.ts). */
export const runInit = (o: InitOptions) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    // Refused before anything is read: an existing config is the user's, and init never replaces it.
    if (yield* fs.exists(o.out).pipe(Effect.orElseSucceed(() => false))) {
      return yield* new OutputExists({ file: o.out })
    }
    const plans =
      o.sources.length === 0
        ? yield* plansHere(o)
        : yield* Effect.forEach(o.sources, (source) =>
            findTrackingTable(source, o.tableSpec, under(o)).pipe(Effect.map((f) => ({ path: source, ...f })))
          )
    yield* Effect.gen(function* () {
      const op = yield* OpenProject
      const config = yield* OpenProjectConfig
      const statuses = yield* op.statuses()
      const statusNames = statuses.map((s) => s.name)
      const matches = matchStatuses(
        plans.flatMap((p) => wordsOf(p.desired)),
        statusNames
      )
      const configDir = path.dirname(path.resolve(o.out))
      const starterPlans: ReadonlyArray<StarterPlan> = plans.map((p) => ({
        source: path.relative(configDir, path.resolve(p.path)).split(path.sep).join("/"),
        table: p.spec
      }))
      yield* writeFileExclusive(
        o.out,
        starterConfig({ openProjectUrl: config.baseUrl, plans: starterPlans, matches, statusNames })
      )
      const matched = matches.filter((m) => m._tag === "Matched").length
      const left = matches.length - matched
      yield* Console.log(
        `${oneLine(o.out)}: written: ${plans.length} plan(s), ${matched} word(s) mapped to OpenProject's statuses` +
          (left === 0 ? "." : `, ${left} left to map (the commented lines under states:).`) +
          ` Check it with \`op-reconcile validate --config ${oneLine(o.out)}\`.`
      )
    }).pipe(Effect.provide(openProjectLayer(o)))
  })
