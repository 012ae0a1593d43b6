import { Console, Effect, Option } from "effect"
import type { ApplyReport } from "../domain/outcome.js"
import type { Plan } from "../domain/plan.js"
import { annotationPath } from "../github/annotations.js"
import { GitHubContext } from "../github/GitHubContext.js"
import { setOutputs } from "../github/outputs.js"
import { PullRequestComments } from "../github/PullRequestComments.js"
import { applyAnnotations, planAnnotations } from "../github/planAnnotations.js"
import { postPlanComment } from "../github/postPlanComment.js"
import { appendStepSummary } from "../github/stepSummary.js"
import { renderApplyMarkdown } from "../render/renderApplyMarkdown.js"
import { renderPlanMarkdown } from "../render/renderPlanMarkdown.js"
import { oneLine } from "../safeText/oneLine.js"
import { printWorkflowCommands } from "./safeConsole.js"

/** Each plan's name (the `source` its items carry) → its path from the current directory. */
export type PlanPaths = ReadonlyMap<string, string>

/** What one run shows GitHub: annotations on the plans' lines, a job summary, and the `changes` count. */
interface ActionsReport {
  readonly annotations: (fileOf: (source: string) => string) => ReadonlyArray<string>
  /** Rendered only inside Actions: a plain terminal run should not pay for markdown it never shows. */
  readonly summary: () => string
  readonly changes: number
}

/**
 * Inside GitHub Actions: annotations on the plan's lines (paths relative to the workspace), the rendered
 * report in the job summary, and the step outputs. Outside Actions this does nothing.
 */
const publishToActions = (report: ActionsReport, paths: PlanPaths, outPath: string | undefined) =>
  Effect.gen(function* () {
    const context = yield* GitHubContext
    if (!context.inActions) return
    const fileOf = (source: string) =>
      annotationPath(paths.get(source) ?? source, process.cwd(), Option.getOrUndefined(context.workspace))
    // On stderr: the runner reads workflow commands from both streams, and stdout stays the plan (or its JSON).
    yield* printWorkflowCommands(report.annotations(fileOf))
    yield* appendStepSummary(report.summary())
    yield* setOutputs({ changes: report.changes, ...(outPath === undefined ? {} : { "plan-path": outPath }) })
  })

/** Skipped and blocked rows as annotations, the plan in the summary, `changes` = transitions planned. */
export const publishPlanToActions = (plan: Plan, marker: string, paths: PlanPaths, outPath: string | undefined) =>
  publishToActions(
    {
      annotations: (fileOf) => planAnnotations(plan, fileOf),
      summary: () => renderPlanMarkdown(plan, { marker, title: "op-reconcile plan" }),
      changes: plan.changes.length
    },
    paths,
    outPath
  )

/** Failed items as annotations, the outcomes in the summary, `changes` = transitions applied. */
export const publishApplyToActions = (
  report: ApplyReport,
  marker: string,
  paths: PlanPaths,
  outPath: string | undefined
) =>
  publishToActions(
    {
      annotations: (fileOf) => applyAnnotations(report, fileOf),
      summary: () => renderApplyMarkdown(report, { marker, title: "op-reconcile apply" }),
      changes: report.summary.applied
    },
    paths,
    outPath
  )

/** The plan as the pull request's one sticky comment, keyed by the config (or the one plan of --source). */
export const stickyPlanComment = (plan: Plan, source: string) =>
  postPlanComment({
    marker: source,
    body: renderPlanMarkdown(plan, { marker: source, title: "op-reconcile plan" }),
    // A blocked row is not "in sync": the comment must say so.
    inSync: plan.changes.length === 0 && plan.blocked.length === 0
  }).pipe(
    Effect.tap((result) =>
      Console.error(
        result.action === "skipped"
          ? "op-reconcile: the plan is in sync and the pull request has no plan comment yet: none posted."
          : `op-reconcile: pull-request comment ${result.action}: ${oneLine(result.url)}`
      )
    ),
    Effect.provide(PullRequestComments.Default)
  )
