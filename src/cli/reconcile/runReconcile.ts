import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as NodeCommandExecutor from "@effect/platform-node/NodeCommandExecutor"
import { Console, Effect, Either, Fiber, Layer, Option } from "effect"
import type { ApplyReport } from "../../domain/outcome.js"
import type { Plan } from "../../domain/plan.js"
import { StrictRowsFound, strictRowsOfPlan } from "../../domain/strictRows.js"
import { GitHubContext } from "../../github/GitHubContext.js"
import { type ApplyRequest, Reconciler, type RunRequest } from "../../reconcile/Reconciler.js"
import { readSavedPlan } from "../../reconcile/savedPlan.js"
import { recordedPlans, SavedPlanFlagMismatch } from "../../reconcile/savedPlanConfig.js"
import { parseTarget } from "../../reconcile/targets.js"
import { renderApplyMarkdown } from "../../render/renderApplyMarkdown.js"
import { renderApplyText } from "../../render/renderApplyText.js"
import { renderApplyJson, renderPlanJson } from "../../render/renderJson.js"
import { renderPlanMarkdown } from "../../render/renderPlanMarkdown.js"
import { renderPlanText } from "../../render/renderPlanText.js"
import { planWarningLine, warningLine } from "../../render/warningText.js"
import { makeRouteTable, parseRouteFlag, preferring } from "../../workflow/routes.js"
import { useColor } from "../color.js"
import { ExitWithCode } from "../ExitWithCode.js"
import { type PlanPaths, publishApplyToActions, publishPlanToActions, stickyPlanComment } from "../githubReporting.js"
import { openProjectLayer } from "../openProjectLayer.js"
import { type PlanSelection, selectPlans } from "../planSelection.js"
import { DEFAULT_MAX_CHANGES, type ReconcileOptions } from "../reconcile.js"
import { currentCommit } from "../runEnvironment.js"
import { StopNotice } from "../StopNotice.js"
import { checkFlags } from "./checkFlags.js"

/**
 * The `reconcile` command: flags in, the Reconciler (src/reconcile/) runs, the outcome is rendered and
 * turned into an exit code. The run's policy (saved plans, guards, conflicts, retries) is not here.
 */

/** Warnings go to stderr in every format, so that stdout is only the plan or the report. */
const printWarnings = (warnings: ReadonlyArray<string>) =>
  Effect.forEach(warnings, (w) => Console.error(planWarningLine(w)), { discard: true })

/** A path as a shell reads it back: plain names as they are, anything else in single quotes. */
const shellWord = (path: string): string => (/^[\w@%+=:,./-]+$/.test(path) ? path : `'${path.replace(/'/g, "'\\''")}'`)

/**
 * What to run next after a dry-run saved its plan, as Terraform says after `plan -out`: the plan records its
 * source or config (and table options), so applying it takes nothing else.
 */
const savedPlanLine = (out: string): string =>
  `Saved the plan to ${out}. Apply it with: op-reconcile reconcile --apply --plan ${shellWord(out)}`

/**
 * The plans a run reads: for `--apply --plan FILE`, the ones the saved plan records (a `--source` or
 * `--config` given anyway must be the same); otherwise the flags' (planSelection.ts).
 */
const plansOf = (o: ReconcileOptions) => {
  if (!o.apply || Option.isNone(o.plan)) return selectPlans(o)
  const file = o.plan.value
  return Effect.gen(function* () {
    const saved = yield* readSavedPlan(file)
    const recorded = recordedPlans(saved, {
      source: Option.getOrUndefined(o.source),
      config: Option.getOrUndefined(o.config)
    })
    if (Either.isLeft(recorded)) return yield* new SavedPlanFlagMismatch({ file, problem: recorded.left })
    const plans = recorded.right
    return yield* selectPlans(
      plans._tag === "Source"
        ? { source: Option.some(plans.path), config: Option.none(), tableSpec: plans.table ?? o.tableSpec }
        : { source: Option.none(), config: Option.some(plans.path), tableSpec: o.tableSpec }
    )
  })
}

const printPlan = (plan: Plan, o: ReconcileOptions, selection: PlanSelection) => {
  switch (o.format) {
    case "json":
      return Console.log(renderPlanJson(plan).trimEnd())
    case "markdown":
      return Console.log(renderPlanMarkdown(plan, { marker: selection.marker }))
    default:
      return Console.log(renderPlanText(plan, { color: useColor(process.stdout) }))
  }
}

const printReport = (report: ApplyReport, o: ReconcileOptions, selection: PlanSelection) => {
  switch (o.format) {
    case "json":
      return Console.log(renderApplyJson(report).trimEnd())
    case "markdown":
      return Console.log(renderApplyMarkdown(report, { marker: selection.marker }))
    default:
      return Console.log(renderApplyText(report, { color: useColor(process.stdout) }))
  }
}

/** The `--route` flags as one table; a route that cannot mean anything stops the run before any request. */
const flagRoutes = (o: ReconcileOptions) => Either.flatMap(Either.all(o.route.map(parseRouteFlag)), makeRouteTable)

/** The run's routes: the `--route` flags, then the config's `routes:` for transitions no flag routes. */
const routeTable = (o: ReconcileOptions, selection: PlanSelection) =>
  Either.flatMap(flagRoutes(o), (flags) =>
    Either.map(makeRouteTable(selection.routes ?? []), (config) => preferring(flags, config))
  )

/** Where each plan of the run is on disk, by the name its items carry (for annotations on its lines). */
const pathsOf = (selection: PlanSelection): PlanPaths =>
  new Map(selection.documents.map((d) => [d.source ?? d.path, d.path]))

/** A flag wins over the config's `selfHeal:`, which wins over the default (on: the plan wins, runbook §10). */
export const selfHealOf = (o: Pick<ReconcileOptions, "selfHeal" | "noSelfHeal">, selection: PlanSelection): boolean =>
  o.noSelfHeal ? false : o.selfHeal ? true : (selection.selfHeal ?? true)

/** The `--target` flags as work package ids, each once, in the order given (checkFlags refused any other). */
const targetIds = (o: ReconcileOptions): ReadonlyArray<number> => [
  ...new Set(o.target.map(parseTarget).flatMap((t) => (Either.isRight(t) ? [t.right] : [])))
]

const runRequest = (o: ReconcileOptions, selection: PlanSelection) =>
  Effect.gen(function* () {
    const request: RunRequest = {
      documents: selection.documents,
      ...(selection.config === undefined ? {} : { config: selection.config }),
      out: o.out,
      // started now, awaited once OpenProject was read: the child process costs no wall time of its own
      commit: Fiber.join(yield* Effect.fork(currentCommit(selection.anchor))),
      onNotice: (message) => Console.error(warningLine(undefined, message)),
      selfHeal: selfHealOf(o, selection),
      strict: o.strict,
      workflowCheck: !o.noWorkflowCheck,
      routes: yield* routeTable(o, selection),
      targets: targetIds(o),
      // One guard for the whole run: the flag, else the config's maxChanges, else the default.
      maxChanges: Option.getOrElse(o.maxChanges, () => selection.maxChanges ?? DEFAULT_MAX_CHANGES)
    }
    return request
  })

const hasRefusal = (plan: Plan) => plan.changes.some((c) => c.check?.result === "refused")

const dryRun = (o: ReconcileOptions, selection: PlanSelection) =>
  Effect.gen(function* () {
    yield* StopNotice.set("op-reconcile: stopped; a dry-run writes nothing to OpenProject.")
    const reconciler = yield* Reconciler
    const plan = yield* reconciler.dryRun(yield* runRequest(o, selection))
    yield* printWarnings(plan.warnings)
    yield* printPlan(plan, o, selection)
    if (Option.isSome(o.out)) yield* Console.error(savedPlanLine(o.out.value))
    yield* publishPlanToActions(plan, selection.marker, pathsOf(selection), Option.getOrUndefined(o.out))
    if (o.githubComment) yield* stickyPlanComment(plan, selection.marker)
    // --strict: every row not synced as written is named (after the plan, which shows them in context).
    if (o.strict) {
      const paths = pathsOf(selection)
      const strictRows = strictRowsOfPlan(plan, (source) => paths.get(source) ?? source)
      if (strictRows.length > 0) return yield* new StrictRowsFound({ rows: strictRows })
    }
    // A blocked row cannot be carried out: the dry-run fails like the apply would, so that CI says so
    // before the merge (and --detailed-exitcode never reports such a plan as in sync).
    if (plan.blocked.length > 0) return yield* new ExitWithCode({ code: 1 })
    // A refusal is an error the pull request must not merge; it outranks "there are changes".
    if (o.failOnRefused && hasRefusal(plan)) return yield* new ExitWithCode({ code: 1 })
    if (o.detailedExitcode && plan.changes.length > 0) return yield* new ExitWithCode({ code: 2 })
  })

const apply = (o: ReconcileOptions, selection: PlanSelection) =>
  Effect.gen(function* () {
    // Until the first item settles (then the progress reporter says more).
    yield* StopNotice.set("op-reconcile: stopped before any change was made. Run the same command again to apply.")
    const reconciler = yield* Reconciler
    const github = yield* GitHubContext
    const request: ApplyRequest = {
      ...(yield* runRequest(o, selection)),
      savedPlan: o.plan,
      concurrency: o.concurrency,
      notify: o.notify,
      comment: !o.noComment,
      runUrl: github.runUrl
    }
    const report = yield* reconciler.apply(request)
    yield* printWarnings(report.warnings)
    yield* printReport(report, o, selection)
    yield* publishApplyToActions(report, selection.marker, pathsOf(selection), Option.getOrUndefined(o.out))
    // An apply that leaves OpenProject short of the plan must fail the job, or an hourly run would stay green
    // while it cannot converge: failed writes, stale items of a saved plan, rows the server cannot carry out.
    const { failed, stale, blocked } = report.summary
    if (failed + stale + blocked > 0) return yield* new ExitWithCode({ code: 1 })
  })

/** The `reconcile` command's work, loaded on first use (see lazy.ts). */
export const runReconcile = (o: ReconcileOptions) =>
  checkFlags(o).pipe(
    // The config is read and checked before any layer is built: its errors need no key and no network.
    Effect.zipRight(plansOf(o)),
    Effect.flatMap((selection) =>
      Effect.if(o.apply, { onTrue: () => apply(o, selection), onFalse: () => dryRun(o, selection) }).pipe(
        // Built after the flags were checked: a usage error needs no key, no network and no GitHub context.
        Effect.provide(Reconciler.Default.pipe(Layer.provideMerge(openProjectLayer(o, selection.openProjectUrl)))),
        Effect.provide(GitHubContext.fromEnv),
        Effect.provide(FetchHttpClient.layer)
      )
    ),
    // Running `git` (the plan's commit, runEnvironment.ts) is this command's alone: provided here, not by
    // the CLI's root, so that no other command loads it.
    Effect.provide(NodeCommandExecutor.layer)
  )
