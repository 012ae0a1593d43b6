import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { Effect } from "effect"
import { type RunningSandbox, type SandboxConfig, startSandbox } from "../../../src/sandbox/Sandbox.js"
import { runCli, sandboxEnv } from "./cli.js"
import { type PlanRow, planDocument } from "./planDocument.js"

export const API_KEY = "e2e-secret-key-4b1d"

export const PLAN_FILE_NAME = "E2E_PLAN.md"

export interface Scenario {
  readonly sandbox: RunningSandbox
  readonly dir: string
  /** Absolute path of the plan document. */
  readonly source: string
  /** `op-reconcile reconcile --source <plan> ...args` against the sandbox. */
  readonly reconcile: (...args: ReadonlyArray<string>) => ReturnType<typeof runCli>
  readonly writes: Effect.Effect<
    ReadonlyArray<{ readonly method: string; readonly path: string; readonly status: number }>
  >
}

/** A sandbox seeded with these work packages and a temp plan document with these rows; both end with the scope. */
export const scenario = (opts: {
  readonly rows: ReadonlyArray<PlanRow>
  readonly sandbox: Omit<SandboxConfig, "apiKey">
}) =>
  Effect.gen(function* () {
    const sandbox = yield* startSandbox({ apiKey: API_KEY, ...opts.sandbox })
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped({ prefix: "op-reconcile-e2e-" })
    const source = `${dir}/${PLAN_FILE_NAME}`
    yield* fs.writeFileString(source, planDocument(opts.rows))
    const result: Scenario = {
      sandbox,
      dir,
      source,
      reconcile: (...args) => runCli(["reconcile", "--source", source, ...args], sandboxEnv(sandbox)),
      // The form (POST …/form) is OpenProject's dry-run: it saves nothing, so it is not a write.
      writes: Effect.map(sandbox.requestLog, (log) =>
        log.filter((e) => e.method !== "GET" && e.method !== "HEAD" && !isFormCall(e))
      )
    }
    return result
  }).pipe(Effect.provide(NodeFileSystem.layer))

/** A request to OpenProject's form (the workflow check), which writes nothing. */
export const isFormCall = (e: { readonly method: string; readonly path: string }) =>
  e.method === "POST" && /^\/api\/v3\/work_packages\/\d+\/form$/.test(e.path)

/** The work package ids the form was asked about, in order. */
export const formCallsFor = (log: ReadonlyArray<{ readonly method: string; readonly path: string }>) =>
  log.filter(isFormCall).map((e) => Number(/(\d+)\/form$/.exec(e.path)?.[1]))

/** Work packages 1..n, each a Task with a subject derived from its id. */
export const workPackages = (statuses: ReadonlyArray<string>) =>
  statuses.map((status, i) => ({ id: i + 1, subject: `Work package ${i + 1}`, status }))
