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

/** The file as GitHub wants it in annotations: relative to the workspace. */
const annotatedFile = (source: string) =>
  GitHubContext.pipe(Effect.map((c) => annotationPath(source, process.cwd(), Option.getOrUndefined(c.workspace))))

/**
 * Inside GitHub Actions: skipped and blocked rows become annotations on the plan's lines, the plan goes to the
 * job summary, and the counts to the step outputs. Outside Actions this does nothing.
 */
export const publishPlanToActions = (plan: Plan, source: string, outPath: string | undefined) =>
  Effect.gen(function* () {
    const context = yield* GitHubContext
    if (!context.inActions) return
    const file = yield* annotatedFile(source)
    for (const line of planAnnotations(plan, file)) yield* Console.log(line)
    yield* appendStepSummary(renderPlanMarkdown(plan, { marker: source, title: "op-reconcile plan" }))
    yield* setOutputs({ changes: plan.changes.length, ...(outPath === undefined ? {} : { "plan-path": outPath }) })
  })

export const publishApplyToActions = (report: ApplyReport, source: string, outPath: string | undefined) =>
  Effect.gen(function* () {
    const context = yield* GitHubContext
    if (!context.inActions) return
    const file = yield* annotatedFile(source)
    for (const line of applyAnnotations(report, file)) yield* Console.log(line)
    yield* appendStepSummary(renderApplyMarkdown(report, { marker: source, title: "op-reconcile apply" }))
    yield* setOutputs({
      changes: report.summary.applied,
      ...(outPath === undefined ? {} : { "plan-path": outPath })
    })
  })

/** The plan as the pull request's one sticky comment, keyed by the source file. */
export const stickyPlanComment = (plan: Plan, source: string) =>
  postPlanComment({
    marker: source,
    body: renderPlanMarkdown(plan, { marker: source, title: "op-reconcile plan" }),
    inSync: plan.changes.length === 0
  }).pipe(
    Effect.tap((result) =>
      Console.error(
        result.action === "skipped"
          ? "op-reconcile: the plan is in sync and the pull request has no plan comment yet: none posted."
          : `op-reconcile: pull-request comment ${result.action}: ${result.url}`
      )
    ),
    Effect.provide(PullRequestComments.Default)
  )
