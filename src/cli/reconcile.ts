import { Command, HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect } from "effect"
import { connectionOptions } from "./connectionOptions.js"
import { lazy } from "./lazy.js"
import { sourceOptions, strictOption } from "./sourceOptions.js"

/** The mass-revert guard when neither --max-changes nor the config's maxChanges is given (runbook §7). */
export const DEFAULT_MAX_CHANGES = 25

const options = {
  ...sourceOptions,
  dryRun: Options.boolean("dry-run").pipe(
    Options.withDescription("Only plan and show the plan; write nothing (the default).")
  ),
  apply: Options.boolean("apply").pipe(Options.withDescription("Make the planned transitions in OpenProject.")),
  format: Options.choice("format", ["text", "markdown", "json"]).pipe(
    Options.withDescription(
      "How to print the plan or the apply report on stdout: text, markdown (the pull-request comment) or " +
        "json (the versioned document) (default: text)."
    ),
    Options.withDefault("text")
  ),
  out: Options.text("out").pipe(
    Options.withPseudoName("FILE"),
    Options.withDescription(
      "Also write the JSON to FILE: the plan on a dry-run (apply it later with --plan), the report on --apply."
    ),
    Options.optional
  ),
  plan: Options.text("plan").pipe(
    Options.withPseudoName("FILE"),
    Options.withDescription(
      "With --apply: apply exactly this saved plan, reading the plans it records (no --source or --config " +
        "needed); items that moved since are stale."
    ),
    Options.optional
  ),
  detailedExitcode: Options.boolean("detailed-exitcode").pipe(
    Options.withDescription("A dry-run exits 2 when the plan has changes and 0 when in sync (as terraform plan).")
  ),
  noWorkflowCheck: Options.boolean("no-workflow-check").pipe(
    Options.withDescription(
      "Do not ask OpenProject's form whether each change would be accepted (one request per change, none for rows in sync)."
    )
  ),
  failOnRefused: Options.boolean("fail-on-refused").pipe(
    Options.withDescription(
      "Exit 1 when OpenProject's workflow would refuse a planned change (a pull-request job that must not merge it)."
    )
  ),
  route: Options.text("route").pipe(
    Options.withDescription(
      'Where the workflow refuses a transition, pass through other statuses: "From->To=Via[,Via…]", e.g. ' +
        '--route "New->Closed=In progress" (OpenProject\'s status names); repeatable.'
    ),
    Options.repeated
  ),
  target: Options.text("target").pipe(
    Options.withPseudoName("wp#NN"),
    Options.withDescription(
      "Plan and apply only this work package, reading only it from OpenProject (as terraform's -target). " +
        "A warning says the rest of the plan was not looked at."
    ),
    Options.repeated
  ),
  maxChanges: Options.integer("max-changes").pipe(
    Options.withDescription(
      "Refuse, before any write, to apply a plan with more transitions than this: a guard against mass " +
        `reverts (default: the config's maxChanges, or ${DEFAULT_MAX_CHANGES}).`
    ),
    Options.mapEffect((n) =>
      n >= 0
        ? Effect.succeed(n)
        : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--max-changes must be 0 or more, not ${n}.`)))
    ),
    Options.optional
  ),
  notify: Options.boolean("notify").pipe(
    Options.withDescription("Let OpenProject send its notifications for each change (default: off).")
  ),
  noComment: Options.boolean("no-comment").pipe(
    Options.withDescription("Do not post the audit comment on each transitioned work package.")
  ),
  noSelfHeal: Options.boolean("no-self-heal").pipe(
    Options.withDescription(
      "Leave edits made in OpenProject since op-reconcile set a work package (reported as drift, not written); " +
        "plan changes are still applied. Overrides the config's selfHeal."
    )
  ),
  selfHeal: Options.boolean("self-heal").pipe(
    Options.withDescription(
      "Revert edits made in OpenProject even when the config says selfHeal: false (without a config, the default)."
    )
  ),
  strict: strictOption,
  githubComment: Options.boolean("github-comment").pipe(
    Options.withDescription("In GitHub Actions, on a pull request: post the plan as one sticky comment.")
  ),
  ...connectionOptions
}

export type ReconcileOptions = Command.Command.ParseConfig<typeof options>

export const reconcileCommand = Command.make("reconcile", options, (o) =>
  lazy(
    () => import("./reconcile/runReconcile.js"),
    (m) => m.runReconcile(o)
  )
).pipe(
  Command.withDescription(
    HelpDoc.blocks([
      HelpDoc.p(
        "Plan the status transitions that make OpenProject match the plan's tracking table (a dry-run, the " +
          "default), or make them (--apply)."
      ),
      HelpDoc.p(
        "Environment: OPENPROJECT_URL (the instance, or --url) and OPENPROJECT_API_KEY (the API token; never a flag)."
      ),
      HelpDoc.p(
        "Exit codes: 0 success; 1 an error, an apply that left items failed, stale or blocked, with " +
          "--fail-on-refused a change OpenProject's workflow would refuse, or with --strict a row not synced " +
          "as written (an apply then writes nothing); 2 with " +
          "--detailed-exitcode when a dry-run has changes; 130/143 stopped by SIGINT/SIGTERM."
      )
    ])
  )
)
