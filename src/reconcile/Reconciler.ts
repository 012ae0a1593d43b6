import { FileSystem } from "@effect/platform"
import { Clock, Effect, Option } from "effect"
import { readDesiredState, type SourceDocument } from "../desired/readDesiredState.js"
import type { TableSpec } from "../desired/TableSpec.js"
import type { DesiredStateError } from "../domain/errors.js"
import type { ApplyReport } from "../domain/outcome.js"
import { Plan, PlanSource } from "../domain/plan.js"
import type { OutputUnwritable } from "../files/writeFileAtomic.js"
import type { OpenProjectError } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"
import { OpenProjectConfig } from "../openproject/OpenProjectConfig.js"
import { oneLine } from "../safeText/oneLine.js"
import type { RouteTable } from "../workflow/routes.js"
import { applyPlan } from "./applyPlan.js"
import { writeApplyReport } from "./applyReportFile.js"
import { explainChanges } from "./causes.js"
import { checkApplyGuards, checkMaxChanges, type EmptyTrackingTable, type TooManyChanges } from "./guards.js"
import { observe } from "./observe.js"
import { checkOutputPath, type OutputOverwritesInput, type ProtectedPath } from "./outputGuard.js"
import { plan as computePlan } from "./planner.js"
import { readSavedPlan, SavedPlanInvalid, writeSavedPlan } from "./savedPlan.js"
import { checkSavedPlanAgainstDocument, type SavedPlanMismatch } from "./savedPlanCheck.js"
import { applySelfHealPolicy } from "./selfHeal.js"
import { checkWorkflow, skipWorkflowCheck } from "./workflowCheck.js"

/**
 * One run of the reconcile loop, whatever asked for it: which documents are the desired state, a fresh
 * plan or a saved one, the checks a saved plan must pass, the guards, the conflict mode and the retries.
 * The CLI parses flags, calls this, renders what it returns and turns it into an exit code.
 */

/** A plan document to read: its path (as the user typed it, for messages) and the table to read in it. */
export interface PlanDocumentRef {
  readonly path: string
  readonly tableSpec: TableSpec
}

/** What every run is told. */
export interface RunRequest {
  /**
   * The plan documents the desired state is read from. A list, so that several documents can enter one run;
   * today a run reads exactly one (`--source`).
   */
  readonly documents: readonly [PlanDocumentRef]
  /** Also write the JSON here: the plan on a dry-run, the apply report on an apply. */
  readonly out: Option.Option<string>
  /** The commit the documents are at (recorded in the plan and the audit comments). */
  readonly commit: Option.Option<string>
  /** Something the user should know that does not stop the run (printed on stderr by the CLI). */
  readonly onNotice: (message: string) => Effect.Effect<void>
  /**
   * Revert edits made in OpenProject (the default, the runbook's rule), or leave them and report them as
   * `drift` (selfHeal.ts). Applies to fresh plans; a saved plan keeps what it was made with.
   */
  readonly selfHeal: boolean
  /**
   * Ask OpenProject's form about each planned change before anything is written (on by default; README §13).
   * Off, every change is `unchecked` and routes are not used (a refusal cannot be told apart then).
   */
  readonly workflowCheck: boolean
  /** Routes for transitions the workflow refuses (`--route`, the config's `routes:`). */
  readonly routes: RouteTable
}

export interface ApplyRequest extends RunRequest {
  /** Apply exactly this saved plan (`--apply --plan FILE`) instead of planning afresh. */
  readonly savedPlan: Option.Option<string>
  readonly maxChanges: number
  readonly concurrency: number
  readonly notify: boolean
  readonly comment: boolean
  /** Link to the CI run, for the audit comments. */
  readonly runUrl: Option.Option<string>
}

export type PlanError =
  | DesiredStateError
  | OpenProjectError
  | SavedPlanInvalid
  | OutputUnwritable
  | OutputOverwritesInput
export type ApplyError = PlanError | TooManyChanges | EmptyTrackingTable | SavedPlanMismatch

/** How often one item is re-read and re-planned after a 409 before it is given up as failed. */
export const MAX_CONFLICT_RETRIES = 3

/** Every file the run reads: what `out` must not resolve to. */
const inputsOf = (request: RunRequest, savedPlan: Option.Option<string>): ReadonlyArray<ProtectedPath> => [
  ...request.documents.map((d) => ({ path: d.path, role: "the plan document" })),
  ...Option.toArray(savedPlan).map((path) => ({ path, role: "the saved plan" }))
]

const sourceOf = (doc: SourceDocument, path: string) => new PlanSource({ path, sha256: doc.sha256 })

export class Reconciler extends Effect.Service<Reconciler>()("op-reconcile/Reconciler", {
  effect: Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const op = yield* OpenProject
    const config = yield* OpenProjectConfig
    const withServices = <A, E>(effect: Effect.Effect<A, E, FileSystem.FileSystem | OpenProject>) =>
      effect.pipe(Effect.provideService(FileSystem.FileSystem, fs), Effect.provideService(OpenProject, op))

    /** First of all, before anything is read: `--out` must not name a file the run reads. */
    const guardOutput = (request: RunRequest, savedPlan: Option.Option<string>) =>
      Option.match(request.out, {
        onNone: () => Effect.void,
        onSome: (out) => checkOutputPath(out, inputsOf(request, savedPlan)).pipe(withServices)
      })

    const readDocument = (request: RunRequest) => {
      const [ref] = request.documents
      return readDesiredState(ref.path, ref.tableSpec).pipe(
        Effect.map((doc) => ({ ref, doc })),
        withServices
      )
    }

    /**
     * The plan from the document and OpenProject as they are now, each change with its cause (read from the
     * changed work packages' activities only), the self-heal policy applied, and each remaining change checked
     * against OpenProject's workflow.
     */
    const freshPlan = (ref: PlanDocumentRef, doc: SourceDocument, request: RunRequest) =>
      Effect.gen(function* () {
        const commit = request.commit
        const observed = yield* observe(doc.desired)
        const now = yield* Clock.currentTimeMillis
        const planned = computePlan({
          desired: doc.desired,
          observed,
          source: sourceOf(doc, ref.path),
          openProjectUrl: config.baseUrl,
          createdAt: new Date(now).toISOString(),
          ...Option.match(commit, { onNone: () => ({}), onSome: (c) => ({ commit: c }) })
        })
        const explained = yield* explainChanges(planned, { concurrency: config.concurrency })
        const withCauses = new Plan({
          ...planned,
          changes: explained.changes,
          warnings: [...planned.warnings, ...explained.warnings]
        })
        const healed = applySelfHealPolicy(withCauses, request.selfHeal)
        // Checked after the self-heal policy: a drift item is not written, so OpenProject is not asked about it.
        const plan = request.workflowCheck
          ? yield* checkWorkflow(healed, observed, { concurrency: config.concurrency, routes: request.routes })
          : skipWorkflowCheck(healed)
        return { plan, statuses: observed.statuses }
      }).pipe(withServices)

    /**
     * A saved plan, applied exactly as it was shown, but only if it still follows from the document: it
     * must be for this instance, and every change must be asked for by a row of the document as it is now.
     */
    const loadSavedPlan = (doc: SourceDocument, file: string, request: RunRequest) =>
      Effect.gen(function* () {
        const saved = yield* readSavedPlan(file)
        // Work package numbers belong to one instance: wp#42 elsewhere is another work package.
        if (saved.openProjectUrl !== config.baseUrl) {
          return yield* new SavedPlanInvalid({
            file,
            reason:
              `it was made against ${saved.openProjectUrl}, but this run talks to ${config.baseUrl}; ` +
              "nothing was written"
          })
        }
        const follows = yield* checkSavedPlanAgainstDocument({
          saved,
          savedFile: file,
          desired: doc.desired,
          sha256: doc.sha256
        })
        if (follows.documentChanged) {
          yield* request.onNotice(
            `${oneLine(doc.desired.file)} has changed since the plan in ${file} was made, but every saved change still ` +
              "follows from it: applying the saved plan as it is (make a new plan to include the other changes)."
          )
        }
        return new Plan({ ...saved, changes: follows.changes })
      }).pipe(withServices)

    /** Plans afresh and returns the plan; writes it to `out` when asked. Writes nothing to OpenProject. */
    const dryRun = (request: RunRequest): Effect.Effect<Plan, PlanError> =>
      Effect.gen(function* () {
        yield* guardOutput(request, Option.none())
        const { ref, doc } = yield* readDocument(request)
        const { plan } = yield* freshPlan(ref, doc, request)
        if (Option.isSome(request.out)) yield* writeSavedPlan(request.out.value, plan).pipe(withServices)
        return plan
      })

    /** Makes the transitions of a fresh or a saved plan; every guard is checked before the first write. */
    const apply = (request: ApplyRequest): Effect.Effect<ApplyReport, ApplyError> =>
      Effect.gen(function* () {
        const saved = request.savedPlan
        yield* guardOutput(request, saved)
        const { ref, doc } = yield* readDocument(request)
        const { plan, statuses } = Option.isSome(saved)
          ? { plan: yield* loadSavedPlan(doc, saved.value, request), statuses: undefined }
          : yield* freshPlan(ref, doc, request)
        // A saved plan's rows were checked when it was made; a fresh one must not come from an empty table.
        yield* Option.isNone(saved)
          ? checkApplyGuards(doc.desired, plan, request.maxChanges)
          : checkMaxChanges(plan, request.maxChanges)
        const report = yield* applyPlan(plan, {
          concurrency: request.concurrency,
          notify: request.notify,
          comment: request.comment,
          audit: { sourcePath: ref.path, commit: plan.commit, runUrl: Option.getOrUndefined(request.runUrl) },
          // A saved plan is applied exactly as it was shown; a fresh one is re-planned on a conflict.
          onConflict: Option.isSome(saved) ? "exact" : "rebase",
          maxConflictRetries: MAX_CONFLICT_RETRIES,
          statuses
        }).pipe(withServices)
        if (Option.isSome(request.out)) yield* writeApplyReport(request.out.value, report).pipe(withServices)
        return report
      })

    return { dryRun, apply } as const
  })
}) {}
