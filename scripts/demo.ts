// `npm run demo`: the whole loop against the built-in OpenProject sandbox, in one process, with no setup.
// Starts the sandbox seeded from the example plan with drift, then runs the real CLI three times:
// a dry-run, an apply, and a second dry-run that finds nothing left to do.
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Console, Effect } from "effect"
import { run } from "../src/cli/Cli.js"
import { reportFailure } from "../src/cli/reportFailure.js"
import { readDesiredState } from "../src/desired/readDesiredState.js"
import { startSandbox } from "../src/sandbox/Sandbox.js"
import { seedFromPlan } from "../src/sandbox/seedState.js"

const SOURCE = "examples/F1_BUY_BOOST_PLAN.md"
const API_KEY = "demo-sandbox-key"

const step = (title: string, args: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    yield* Console.log(`\n── ${title}\n$ op-reconcile ${args.join(" ")}\n`)
    const code = yield* run(["node", "op-reconcile", ...args]).pipe(
      Effect.matchCauseEffect({ onSuccess: () => Effect.succeed(0), onFailure: reportFailure })
    )
    yield* Console.log(`(exit code ${code})`)
    return code
  })

const demo = Effect.scoped(
  Effect.gen(function* () {
    const { desired } = yield* readDesiredState(SOURCE)
    const sandbox = yield* startSandbox({
      apiKey: API_KEY,
      workPackages: seedFromPlan(desired, { driftShare: 0.5, seed: 7 })
    })
    yield* Console.log(`OpenProject sandbox on ${sandbox.url}, seeded from ${SOURCE} with half the statuses drifted.`)
    process.env.OPENPROJECT_URL = sandbox.url
    process.env.OPENPROJECT_API_KEY = API_KEY

    const codes = [
      yield* step("1. What would change? (dry-run: reads only)", ["reconcile", "--source", SOURCE, "--dry-run"]),
      yield* step("2. Make it so (apply: one PATCH and one audit comment per transition)", [
        "reconcile",
        "--source",
        SOURCE,
        "--apply"
      ]),
      yield* step("3. Converged? (a second dry-run plans nothing)", [
        "reconcile",
        "--source",
        SOURCE,
        "--dry-run",
        "--detailed-exitcode"
      ])
    ]

    const log = yield* sandbox.requestLog
    const count = (method: string) => log.filter((e) => e.method === method).length
    yield* Console.log(
      `\nThe sandbox saw ${log.length} requests: ${count("GET")} GET, ${count("PATCH")} PATCH, ${count("POST")} POST ` +
        "(the dry-runs wrote nothing; --detailed-exitcode exits 0 when in sync, 2 when changes are pending)."
    )
    const failed = codes.some((code) => code !== 0)
    if (failed) yield* Console.error("The demo did not converge: see the output above.")
    return failed ? 1 : 0
  })
)

NodeRuntime.runMain(demo.pipe(Effect.provide(NodeContext.layer)), {
  disableErrorReporting: false,
  teardown: (exit, onExit) => onExit(exit._tag === "Success" && typeof exit.value === "number" ? exit.value : 1)
})
