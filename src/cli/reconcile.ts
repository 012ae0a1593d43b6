import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { NodeHttpClient } from "@effect/platform-node"
import { Clock, Console, Effect, type Either, Option, Schema } from "effect"
import { readDesiredState, type SourceDocument } from "../desired/readDesiredState.js"
import type { ApplyReport } from "../domain/outcome.js"
import { type Plan, PlanSource } from "../domain/plan.js"
import { GitHubContext } from "../github/GitHubContext.js"
import { OpenProjectConfig } from "../openproject/OpenProjectConfig.js"
import { applyPlan } from "../reconcile/applyPlan.js"
import { checkApplyGuards, TooManyChanges } from "../reconcile/guards.js"
import { observe } from "../reconcile/observe.js"
import { plan as computePlan } from "../reconcile/planner.js"
import { readSavedPlan, writeSavedPlan } from "../reconcile/savedPlan.js"
import { renderApplyMarkdown } from "../render/renderApplyMarkdown.js"
import { renderApplyText } from "../render/renderApplyText.js"
import { renderApplyJson, renderPlanJson } from "../render/renderJson.js"
import { renderPlanMarkdown } from "../render/renderPlanMarkdown.js"
import { renderPlanText } from "../render/renderPlanText.js"
import { connectionOptions, openProjectLayer } from "./connectionOptions.js"
import { ExitWithCode } from "./ExitWithCode.js"
import { publishApplyToActions, publishPlanToActions, stickyPlanComment } from "./githubReporting.js"
import { currentCommit, useColor } from "./runEnvironment.js"
import { sourceOptions } from "./sourceOptions.js"

/** A combination of flags that cannot mean anything; nothing was read or written. */
export class ConflictingFlags extends Schema.TaggedError<ConflictingFlags>()("ConflictingFlags", {
  problem: Schema.String
}) {
  override get message(): string {
    return `${this.problem} See \`op-reconcile reconcile --help\`.`
  }
}

const options = {
  ...sourceOptions,
  dryRun: Options.boolean("dry-run").pipe(Options.withDescription("Plan and show, write nothing (the default).")),
  apply: Options.boolean("apply").pipe(Options.withDescription("Make the planned transitions in OpenProject.")),
  format: Options.choice("format", ["text", "markdown", "json"]).pipe(
    Options.withDescription("How to print the plan or the apply report."),
    Options.withDefault("text")
  ),
  out: Options.text("out").pipe(
    Options.withDescription(
      "Also write the JSON: the plan on a dry-run (apply it later with --plan), the report on --apply."
    ),
    Options.optional
  ),
  plan: Options.text("plan").pipe(
    Options.withDescription("With --apply: apply exactly this saved plan; items that moved since are `stale`."),
    Options.optional
  ),
  detailedExitcode: Options.boolean("detailed-exitcode").pipe(
    Options.withDescription("Dry-run exit code 2 when the plan has changes, 0 when in sync (as terraform plan).")
  ),
  maxChanges: Options.integer("max-changes").pipe(
    Options.withDescription("Refuse to apply a plan with more transitions than this, before any write."),
    Options.withDefault(25)
  ),
  notify: Options.boolean("notify").pipe(
    Options.withDescription("Let OpenProject send its notifications for each change (off by default).")
  ),
  noComment: Options.boolean("no-comment").pipe(
    Options.withDescription("Do not post the audit comment on each transitioned work package.")
  ),
  githubComment: Options.boolean("github-comment").pipe(
    Options.withDescription("On a pull request in GitHub Actions, post the plan as one sticky comment.")
  ),
  ...connectionOptions
}

type ReconcileOptions = Command.Command.ParseConfig<typeof options>

const sourceOf = (doc: SourceDocument, path: string) => new PlanSource({ path, sha256: doc.sha256 })

const checked = <A, E>(either: Either.Either<A, E>): Effect.Effect<A, E> => either

/** Computes the plan from the document and OpenProject as they are now. */
const freshPlan = (doc: SourceDocument, o: ReconcileOptions) =>
  Effect.gen(function* () {
    const config = yield* OpenProjectConfig
    const observed = yield* observe(doc.desired)
    const commit = yield* currentCommit(o.source)
    const now = yield* Clock.currentTimeMillis
    return computePlan({
      desired: doc.desired,
      observed,
      source: sourceOf(doc, o.source),
      openProjectUrl: config.baseUrl,
      createdAt: new Date(now).toISOString(),
      ...Option.match(commit, { onNone: () => ({}), onSome: (c) => ({ commit: c }) })
    })
  })

/** A saved plan, used as it is; the document is only compared, so the user learns that it moved on. */
const savedPlan = (doc: SourceDocument, file: string) =>
  Effect.gen(function* () {
    const saved = yield* readSavedPlan(file)
    if (saved.source.sha256 !== doc.sha256) {
      yield* Console.error(
        `op-reconcile: warning: ${saved.source.path} has changed since the plan in ${file} was made; ` +
          "applying the saved plan as it is (make a new plan to include the changes)."
      )
    }
    return saved
  })

const printPlan = (plan: Plan, o: ReconcileOptions) => {
  switch (o.format) {
    case "json":
      return Console.log(renderPlanJson(plan).trimEnd())
    case "markdown":
      return Console.log(renderPlanMarkdown(plan, { marker: o.source }))
    default:
      return Console.log(renderPlanText(plan, { color: useColor(process.stdout) }))
  }
}

const printReport = (report: ApplyReport, o: ReconcileOptions) => {
  switch (o.format) {
    case "json":
      return Console.log(renderApplyJson(report).trimEnd())
    case "markdown":
      return Console.log(renderApplyMarkdown(report, { marker: o.source }))
    default:
      return Console.log(renderApplyText(report, { color: useColor(process.stdout) }))
  }
}

const writeReport = (file: string, report: ApplyReport) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    yield* fs.writeFileString(file, renderApplyJson(report))
  })

const dryRun = (doc: SourceDocument, o: ReconcileOptions) =>
  Effect.gen(function* () {
    const plan = yield* freshPlan(doc, o)
    yield* printPlan(plan, o)
    if (Option.isSome(o.out)) yield* writeSavedPlan(o.out.value, plan)
    yield* publishPlanToActions(plan, o.source, Option.getOrUndefined(o.out))
    if (o.githubComment) yield* stickyPlanComment(plan, o.source)
    if (o.detailedExitcode && plan.changes.length > 0) return yield* new ExitWithCode({ code: 2 })
  })

const apply = (doc: SourceDocument, o: ReconcileOptions) =>
  Effect.gen(function* () {
    const plan = Option.isSome(o.plan) ? yield* savedPlan(doc, o.plan.value) : yield* freshPlan(doc, o)
    if (Option.isNone(o.plan)) yield* checked(checkApplyGuards(doc.desired, plan, o.maxChanges))
    else if (plan.changes.length > o.maxChanges) {
      return yield* new TooManyChanges({ changes: plan.changes.length, maxChanges: o.maxChanges })
    }
    const report = yield* applyPlan(plan, {
      concurrency: o.concurrency,
      notify: o.notify,
      comment: !o.noComment,
      audit: {
        sourcePath: o.source,
        commit: plan.commit,
        runUrl: yield* GitHubContext.pipe(Effect.map((c) => Option.getOrUndefined(c.runUrl)))
      },
      onConflict: Option.isSome(o.plan) ? "exact" : "rebase",
      maxConflictRetries: 3
    })
    yield* printReport(report, o)
    if (Option.isSome(o.out)) yield* writeReport(o.out.value, report)
    yield* publishApplyToActions(report, o.source, Option.getOrUndefined(o.out))
    if (report.summary.failed > 0) return yield* new ExitWithCode({ code: 1 })
  })

export const reconcileCommand = Command.make("reconcile", options, (o) =>
  Effect.gen(function* () {
    if (o.apply && o.dryRun) {
      return yield* new ConflictingFlags({ problem: "--apply and --dry-run exclude each other: choose one." })
    }
    if (Option.isSome(o.plan) && !o.apply) {
      return yield* new ConflictingFlags({
        problem: "--plan applies a saved plan, so it needs --apply (a dry-run always plans afresh)."
      })
    }
    if (o.apply && o.githubComment) {
      return yield* new ConflictingFlags({
        problem: "--github-comment posts a dry-run plan on a pull request; it does not go with --apply."
      })
    }
    const doc = yield* readDesiredState(o.source, o.tableSpec)
    if (o.apply) yield* apply(doc, o)
    else yield* dryRun(doc, o)
  })
).pipe(
  Command.withDescription(
    "Plan the status transitions that make OpenProject match the plan (dry-run, the default), or make them (--apply)."
  ),
  Command.provide((o) => openProjectLayer(o)),
  Command.provide(GitHubContext.fromEnv),
  Command.provide(NodeHttpClient.layerUndici)
)
