import { Effect } from "effect"
import { parseDesiredState } from "../../src/desired/parseDesiredState.js"
import type { DesiredState } from "../../src/domain/desired.js"
import { type Plan, PlanSource } from "../../src/domain/plan.js"
import type { CanonicalState } from "../../src/domain/states.js"
import { OpenProject } from "../../src/openproject/OpenProject.js"
import type { OpenProjectTuning } from "../../src/openproject/OpenProjectConfig.js"
import { type ApplyOptions, applyPlan } from "../../src/reconcile/applyPlan.js"
import { observe } from "../../src/reconcile/observe.js"
import { plan } from "../../src/reconcile/planner.js"
import { type SandboxConfig, type SandboxWorkPackageSeed, startSandbox } from "../../src/sandbox/Sandbox.js"
import { makeClient } from "../openproject/support/client.js"

/** The executor's loop over real sockets: a markdown table, the sandbox, the real client, observe, plan, apply. */

export const API_KEY = "opapi-executor-test-key-3f9a"
export const FILE = "plans/F1_BUY_BOOST_PLAN.md"

const HEADER = "| Track | Phase | GH issue / OP wp | Status |\n| --- | --- | --- | --- |\n"

/** The line of the n-th row (0-based) of a table made by `trackingTable`: header on 1, separator on 2. */
export const rowLine = (index: number): number => 3 + index

/** A tracking table asking for each work package to be in a state, one row per entry, in order. */
export const trackingTable = (rows: ReadonlyArray<readonly [number, CanonicalState]>): string =>
  HEADER + rows.map(([id, state]) => `| Track ${id} | P | OP wp#${id} | **${state}** — note |\n`).join("")

export const desiredFrom = (text: string): Effect.Effect<DesiredState> => Effect.orDie(parseDesiredState(text, FILE))

export const seeds = (rows: ReadonlyArray<readonly [number, string]>): ReadonlyArray<SandboxWorkPackageSeed> =>
  rows.map(([id, status]) => ({ id, subject: `Story ${id}`, status }))

/**
 * A sandbox and a client for it. The client is fast (1,000 requests per second) so that the polite default
 * of 10 does not pace the tests; retries keep their default timing and run on the TestClock.
 */
export const setUp = (config: Omit<SandboxConfig, "apiKey">, tuning: OpenProjectTuning = {}) =>
  Effect.gen(function* () {
    const sandbox = yield* startSandbox({ apiKey: API_KEY, ...config })
    const op = yield* makeClient(sandbox.url, API_KEY, { requestsPerSecond: 1000, ...tuning })
    return { sandbox, op }
  })

/** observe + plan, as `reconcile` does it. */
export const planNow = (desired: DesiredState, openProjectUrl: string): Effect.Effect<Plan, never, OpenProject> =>
  Effect.map(Effect.orDie(observe(desired)), (observed) =>
    plan({
      desired,
      observed,
      source: new PlanSource({ path: FILE, sha256: "0".repeat(64) }),
      openProjectUrl,
      createdAt: "2026-11-25T10:00:00.000Z"
    })
  )

export const defaultOptions: ApplyOptions = {
  concurrency: 4,
  notify: false,
  comment: true,
  audit: { commit: "0123abc" },
  onConflict: "rebase",
  maxConflictRetries: 3
}

export const applyWith = (op: OpenProject, thePlan: Plan, options: Partial<ApplyOptions> = {}) =>
  applyPlan(thePlan, { ...defaultOptions, ...options }).pipe(Effect.provideService(OpenProject, op))

export const planWith = (op: OpenProject, desired: DesiredState, url: string) =>
  planNow(desired, url).pipe(Effect.provideService(OpenProject, op))
