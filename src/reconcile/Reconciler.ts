import * as FileSystem from "@effect/platform/FileSystem"
import { Clock, Effect, Fiber, Option } from "effect"
import { readDesiredState, type SourceDocument } from "../desired/readDesiredState.js"
import { DEFAULT_TABLE_SPEC, type TableSpec } from "../desired/TableSpec.js"
import { BUILT } from "../domain/built.js"
import type { DesiredStateError } from "../domain/errors.js"
import type { ApplyReport } from "../domain/outcome.js"
import { Plan, type PlannedChange, PlanSource } from "../domain/plan.js"
import { StrictRowsFound, strictRowsOfPlan } from "../domain/strictRows.js"
import type { Vocabulary } from "../domain/vocabulary.js"
import type { OutputUnwritable } from "../files/writeFileAtomic.js"
import type { OpenProjectError } from "../openproject/errors.js"
import { OpenProject } from "../openproject/OpenProject.js"
import { OpenProjectConfig } from "../openproject/OpenProjectConfig.js"
import { oneLine } from "../safeText/oneLine.js"
import type { RouteTable } from "../workflow/routes.js"
import { applyPlan } from "./applyPlan.js"
import { writeApplyReport } from "./applyReportFile.js"
import { explainChanges } from "./causes.js"
import { type ConflictingPlans, checkAcrossPlans } from "./crossPlan.js"
import {
  checkApplyGuards,
  checkMaxChanges,
  type EmptyTrackingTable,
  maxChangesWarning,
  type TooManyChanges
} from "./guards.js"
import { observe } from "./observe.js"
import { checkOutputPath, type OutputOverwritesInput, type ProtectedPath } from "./outputGuard.js"
import { planDocuments } from "./planner.js"
import { readSavedPlan, SavedPlanInvalid, writeSavedPlan } from "./savedPlan.js"
import { checkSavedPlanAgainstDocument, SavedChangeMismatch, SavedPlanMismatch } from "./savedPlanCheck.js"
import { checkSavedConfig } from "./savedPlanConfig.js"
import { applySelfHealPolicy } from "./selfHeal.js"
import { selectTargets, type TargetNotInPlan, targetingWarning } from "./targets.js"
import { askWorkflow, checkWorkflow, judgeWorkflow, skipWorkflowCheck } from "./workflowCheck.js"

/**
 * One run of the reconcile loop, whatever asked for it: which documents are the desired state, a fresh
 * plan or a saved one, the checks a saved plan must pass, the guards, the conflict mode and the retries.
 * The CLI parses flags, calls this, renders what it returns and turns it into an exit code.
 */

/**
 * A plan document to read: where to open it (as the user typed it, for messages), its name in reports
 * (`source`: relative to the config's directory; the path itself for `--source`), the table to read in it
 * and what its words mean.
 */
export interface PlanDocumentRef {
  readonly path: string
  readonly source?: string
  readonly tableSpec: TableSpec
  readonly vocabulary?: Vocabulary
}

/** The config a run was made from (`--config`), recorded in saved plans. */
export interface ConfigRef {
  readonly path: string
  readonly sha256: string
}

/** What every run is told. */
export interface RunRequest {
  /** The plan documents the desired state is read from: one for `--source`, a config's plans otherwise. */
  readonly documents: readonly [PlanDocumentRef, ...Array<PlanDocumentRef>]
  readonly config?: ConfigRef
  /** Also write the JSON here: the plan on a dry-run, the apply report on an apply. */
  readonly out: Option.Option<string>
  /**
   * The commit the documents are at (recorded in the plan and the audit comments). An effect, awaited only
   * when the plan is built: finding it (`git rev-parse HEAD`) runs while OpenProject is read.
   */
  readonly commit: Effect.Effect<Option.Option<string>>
  /** Something the user should know that does not stop the run (printed on stderr by the CLI). */
  readonly onNotice: (message: string) => Effect.Effect<void>
  /**
   * Revert edits made in OpenProject (the default, the runbook's rule), or leave them and report them as
   * `drift` (selfHeal.ts). Applies to fresh plans; a saved plan keeps what it was made with.
   */
  readonly selfHeal: boolean
  /**
   * `--strict`: an apply refuses, before any write, a plan with rows not synced as written (near misses and
   * blocked rows, strictRows.ts). A dry-run returns its plan whatever it holds; the CLI fails it after
   * printing the plan.
   */
  readonly strict: boolean
  /** The mass-revert guard: an apply refuses more changes than this; a dry-run warns that it would. */
  readonly maxChanges: number
  /**
   * Ask OpenProject's form about each planned change before anything is written (on by default; README §13).
   * Off, every change is `unchecked` and routes are not used (a refusal cannot be told apart then).
   */
  readonly workflowCheck: boolean
  /** Routes for transitions the workflow refuses (`--route`, the config's `routes:`). */
  readonly routes: RouteTable
  /**
   * `--target`: plan (and apply) only these work packages, observing only them (targets.ts); empty for the
   * whole plan. A saved plan records its targets; `--target` with `--plan` is refused by the CLI.
   */
  readonly targets: ReadonlyArray<number>
}

export interface ApplyRequest extends RunRequest {
  /** Apply exactly this saved plan (`--apply --plan FILE`) instead of planning afresh. */
  readonly savedPlan: Option.Option<string>
  readonly concurrency: number
  readonly notify: boolean
  readonly comment: boolean
  /** Link to the CI run, for the audit comments. */
  readonly runUrl: Option.Option<string>
}

export type PlanError =
  | DesiredStateError
  | TargetNotInPlan
  | ConflictingPlans
  | OpenProjectError
  | SavedPlanInvalid
  | OutputUnwritable
  | OutputOverwritesInput
export type ApplyError = PlanError | TooManyChanges | EmptyTrackingTable | SavedPlanMismatch | StrictRowsFound

/** How often one item is re-read and re-planned after a 409 before it is given up as failed. */
export const MAX_CONFLICT_RETRIES = 3

/** Every file the run reads: what `out` must not resolve to. */
const inputsOf = (request: RunRequest, savedPlan: Option.Option<string>): ReadonlyArray<ProtectedPath> => [
  ...request.documents.map((d) => ({ path: d.path, role: "the plan document" })),
  ...(request.config === undefined ? [] : [{ path: request.config.path, role: "the config" }]),
  ...Option.toArray(savedPlan).map((path) => ({ path, role: "the saved plan" }))
]

const nameOf = (ref: PlanDocumentRef): string => ref.source ?? ref.path

const sourceOf = (ref: PlanDocumentRef, doc: SourceDocument) =>
  new PlanSource({ path: nameOf(ref), sha256: doc.sha256 })

interface ReadDocument {
  readonly ref: PlanDocumentRef
  readonly doc: SourceDocument
  /** With `--target`: how many of the document's rows were left out. */
  readonly leftOut?: number
}

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

    /**
     * Every document, read and checked against the others before anything is read from OpenProject: a
     * work package asked for in different states by two plans stops the run here.
     */
    const readDocuments = (
      request: RunRequest
    ): Effect.Effect<ReadonlyArray<ReadDocument>, DesiredStateError | ConflictingPlans | TargetNotInPlan> =>
      Effect.gen(function* () {
        const read = yield* Effect.forEach(request.documents, (ref) =>
          readDesiredState(ref.path, ref.tableSpec, ref.vocabulary).pipe(Effect.map((doc) => ({ ref, doc })))
        )
        yield* checkAcrossPlans(
          read.map(({ ref, doc }) => ({
            desired: doc.desired,
            ...(ref.vocabulary === undefined ? {} : { vocabulary: ref.vocabulary })
          }))
        )
        if (request.targets.length === 0) return read
        // Only the targeted rows go on: nothing else is observed, compared or written. The digest stays the
        // whole document's, so a saved plan still says which document it came from.
        const targeted = yield* selectTargets(
          read.map(({ doc }) => doc.desired),
          request.targets
        )
        return read.map(({ ref, doc }, i) => ({
          ref,
          doc: { ...doc, desired: targeted[i] ?? doc.desired },
          leftOut: doc.desired.rows.length - (targeted[i]?.rows.length ?? doc.desired.rows.length)
        }))
      }).pipe(withServices)

    /** A `--source` plan read with other table options records them, so that `--apply --plan` needs none. */
    const withTable = (plan: Plan, request: RunRequest): Plan => {
      const [only] = request.documents
      const spec = only.tableSpec
      const isDefault =
        spec.under === undefined &&
        spec.idColumn === DEFAULT_TABLE_SPEC.idColumn &&
        spec.statusColumn === DEFAULT_TABLE_SPEC.statusColumn &&
        spec.columns.join("\u0000") === DEFAULT_TABLE_SPEC.columns.join("\u0000")
      return request.config !== undefined || isDefault ? plan : new Plan({ ...plan, table: spec })
    }

    /** A targeted plan records its targets and says, first among its warnings, that it is not the whole plan. */
    const targeted = (plan: Plan, request: RunRequest, read: ReadonlyArray<ReadDocument>): Plan => {
      if (request.targets.length === 0) return plan
      const leftOut = read.reduce((n, r) => n + (r.leftOut ?? 0), 0)
      return new Plan({
        ...plan,
        targets: request.targets,
        warnings: [targetingWarning(request.targets, leftOut), ...plan.warnings]
      })
    }

    /**
     * The plan from the documents and OpenProject as they are now (one observation for all of them), each
     * change with its cause (read from the changed work packages' activities only), the self-heal policy
     * applied, and each remaining change checked against OpenProject's workflow.
     */
    const freshPlan = (read: ReadonlyArray<ReadDocument>, request: RunRequest) =>
      Effect.gen(function* () {
        const observed = yield* observe(read.map(({ doc }) => doc.desired))
        const now = yield* Clock.currentTimeMillis
        const planned = planDocuments({
          documents: read.map(({ ref, doc }) => ({
            desired: doc.desired,
            source: sourceOf(ref, doc),
            ...(ref.vocabulary === undefined ? {} : { vocabulary: ref.vocabulary })
          })),
          ...(request.config === undefined ? {} : { config: new PlanSource(request.config) }),
          observed,
          openProjectUrl: config.baseUrl,
          createdAt: new Date(now).toISOString(),
          ...Option.match(yield* request.commit, { onNone: () => ({}), onSome: (c) => ({ commit: c }) })
        })
        // With self-heal on (the default) every change is written whatever its cause, so the form is asked
        // about each while the causes are read; with it off, only after, since a drift item is not asked about.
        const early =
          request.workflowCheck && request.selfHeal
            ? Option.some(yield* Effect.fork(askWorkflow(planned.changes, { concurrency: config.concurrency })))
            : Option.none()
        const explained = yield* explainChanges(planned, { concurrency: config.concurrency })
        const withCauses = new Plan(
          {
            ...planned,
            changes: explained.changes,
            warnings: [...planned.warnings, ...explained.warnings]
          },
          BUILT
        )
        const healed = applySelfHealPolicy(withCauses, request.selfHeal)
        const checked = Option.isSome(early)
          ? judgeWorkflow(healed, observed, request.routes, yield* Fiber.join(early.value))
          : request.workflowCheck
            ? yield* checkWorkflow(healed, observed, { concurrency: config.concurrency, routes: request.routes })
            : skipWorkflowCheck(healed)
        return { plan: withTable(targeted(checked, request, read), request), statuses: observed.statuses }
      }).pipe(withServices)

    /**
     * A saved plan, applied exactly as it was shown, but only if it still follows from the document: it
     * must be for this instance, and every change must be asked for by a row of the document as it is now.
     */
    const loadSavedPlan = (read: ReadonlyArray<ReadDocument>, file: string, request: RunRequest) =>
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
        // Its items name their plans relative to its config: only a run of that config can check them.
        const fromConfig = checkSavedConfig(saved, request.config)
        if (fromConfig._tag === "Other") return yield* new SavedPlanInvalid({ file, reason: fromConfig.reason })
        if (fromConfig._tag === "Changed" && request.config !== undefined) {
          yield* request.onNotice(
            `${oneLine(request.config.path)} has changed since the plan in ${oneLine(file)} was made; every saved ` +
              "change is checked against the plans as they are now (one that no longer follows refuses the plan)."
          )
        }
        // A change for a plan this run does not read cannot follow from any of its documents.
        const names = read.map(({ ref }) => nameOf(ref))
        const orphans = saved.changes.filter((c) => !names.includes(c.source))
        if (orphans.length > 0) {
          return yield* new SavedPlanMismatch({
            file,
            document: names.join(", "),
            mismatches: orphans.map(
              (c) => new SavedChangeMismatch({ workPackageId: c.workPackageId, problem: `not in ${names.join(", ")}` })
            )
          })
        }
        const changes: Array<PlannedChange> = []
        for (const { ref, doc } of read) {
          const name = nameOf(ref)
          const follows = yield* checkSavedPlanAgainstDocument({
            saved: new Plan({
              ...saved,
              sources: saved.sources.filter((s) => s.path === name),
              changes: saved.changes.filter((c) => c.source === name)
            }),
            savedFile: file,
            desired: doc.desired,
            sha256: doc.sha256,
            ...(ref.vocabulary === undefined ? {} : { vocabulary: ref.vocabulary })
          })
          if (follows.documentChanged) {
            yield* request.onNotice(
              `${oneLine(doc.desired.file)} has changed since the plan in ${oneLine(file)} was made, but every saved change still ` +
                "follows from it: applying the saved plan as it is (make a new plan to include the other changes)."
            )
          }
          changes.push(...follows.changes)
        }
        // In the saved plan's order: the plan is applied exactly as it was shown.
        const order = new Map(saved.changes.map((c, i) => [`${c.source}\u0000${c.workPackageId}`, i]))
        changes.sort(
          (a, b) =>
            (order.get(`${a.source}\u0000${a.workPackageId}`) ?? 0) -
            (order.get(`${b.source}\u0000${b.workPackageId}`) ?? 0)
        )
        return new Plan({ ...saved, changes })
      }).pipe(withServices)

    /** Plans afresh and returns the plan; writes it to `out` when asked. Writes nothing to OpenProject. */
    const dryRun = (request: RunRequest): Effect.Effect<Plan, PlanError> =>
      Effect.gen(function* () {
        yield* guardOutput(request, Option.none())
        const read = yield* readDocuments(request)
        const { plan: fresh } = yield* freshPlan(read, request)
        const guard = maxChangesWarning(fresh, request.maxChanges)
        const plan = guard === undefined ? fresh : new Plan({ ...fresh, warnings: [...fresh.warnings, guard] }, BUILT)
        if (Option.isSome(request.out)) yield* writeSavedPlan(request.out.value, plan).pipe(withServices)
        return plan
      })

    /** Makes the transitions of a fresh or a saved plan; every guard is checked before the first write. */
    const apply = (request: ApplyRequest): Effect.Effect<ApplyReport, ApplyError> =>
      Effect.gen(function* () {
        const saved = request.savedPlan
        yield* guardOutput(request, saved)
        const read = yield* readDocuments(request)
        const { plan, statuses } = Option.isSome(saved)
          ? { plan: yield* loadSavedPlan(read, saved.value, request), statuses: undefined }
          : yield* freshPlan(read, request)
        // A saved plan's rows were checked when it was made; a fresh one must not come from an empty table.
        // One maxChanges guard for the whole run, however many plans it reads.
        if (Option.isNone(saved)) {
          for (const { doc } of read) yield* checkApplyGuards(doc.desired, plan, request.maxChanges)
        } else yield* checkMaxChanges(plan, request.maxChanges)
        if (request.strict) {
          const files = new Map(read.map(({ ref, doc }) => [nameOf(ref), doc.desired.file]))
          const strictRows = strictRowsOfPlan(plan, (source) => files.get(source) ?? source)
          if (strictRows.length > 0) return yield* new StrictRowsFound({ rows: strictRows })
        }
        const report = yield* applyPlan(plan, {
          concurrency: request.concurrency,
          notify: request.notify,
          comment: request.comment,
          audit: { commit: plan.commit, runUrl: Option.getOrUndefined(request.runUrl) },
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
