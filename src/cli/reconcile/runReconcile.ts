import { FileSystem } from "@effect/platform"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Clock, Console, Effect, Option } from "effect"
import { readDesiredState, type SourceDocument } from "../../desired/readDesiredState.js"
import type { ApplyReport } from "../../domain/outcome.js"
import { type Plan, PlanSource } from "../../domain/plan.js"
import { GitHubContext } from "../../github/GitHubContext.js"
import { OpenProjectConfig } from "../../openproject/OpenProjectConfig.js"
import { applyPlan } from "../../reconcile/applyPlan.js"
import { checkApplyGuards, checkMaxChanges } from "../../reconcile/guards.js"
import { observe } from "../../reconcile/observe.js"
import { plan as computePlan } from "../../reconcile/planner.js"
import { readSavedPlan, SavedPlanInvalid, writeSavedPlan } from "../../reconcile/savedPlan.js"
import { renderApplyMarkdown } from "../../render/renderApplyMarkdown.js"
import { renderApplyText } from "../../render/renderApplyText.js"
import { renderApplyJson, renderPlanJson } from "../../render/renderJson.js"
import { renderPlanMarkdown } from "../../render/renderPlanMarkdown.js"
import { renderPlanText } from "../../render/renderPlanText.js"
import { useColor } from "../color.js"
import { ExitWithCode } from "../ExitWithCode.js"
import { publishApplyToActions, publishPlanToActions, stickyPlanComment } from "../githubReporting.js"
import { openProjectLayer } from "../openProjectLayer.js"
import type { ReconcileOptions } from "../reconcile.js"
import { currentCommit } from "../runEnvironment.js"
import { checkFlags } from "./checkFlags.js"

const sourceOf = (doc: SourceDocument, path: string) => new PlanSource({ path, sha256: doc.sha256 })

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
    const config = yield* OpenProjectConfig
    // Work package numbers belong to one instance: wp#42 elsewhere is another work package.
    if (saved.openProjectUrl !== config.baseUrl) {
      return yield* new SavedPlanInvalid({
        file,
        reason:
          `it was made against ${saved.openProjectUrl}, but this run talks to ${config.baseUrl}; ` +
          "nothing was written"
      })
    }
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
    yield* Option.isNone(o.plan)
      ? checkApplyGuards(doc.desired, plan, o.maxChanges)
      : checkMaxChanges(plan, o.maxChanges)
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
    // An apply that leaves OpenProject short of the plan must fail the job, or an hourly run would stay green
    // while it cannot converge: failed writes, stale items of a saved plan, rows the server cannot carry out.
    const { failed, stale, blocked } = report.summary
    if (failed + stale + blocked > 0) return yield* new ExitWithCode({ code: 1 })
  })

/** The `reconcile` command's work, loaded on first use (see lazy.ts). */
export const runReconcile = (o: ReconcileOptions) =>
  checkFlags(o).pipe(
    Effect.zipRight(
      Effect.gen(function* () {
        const doc = yield* readDesiredState(o.source, o.tableSpec)
        if (o.apply) yield* apply(doc, o)
        else yield* dryRun(doc, o)
      }).pipe(
        // Built after the flags were checked: a usage error needs no key, no network and no GitHub context.
        Effect.provide(openProjectLayer(o)),
        Effect.provide(GitHubContext.fromEnv),
        Effect.provide(FetchHttpClient.layer)
      )
    )
  )
