import { randomBytes } from "node:crypto"
import { Command, Options } from "@effect/cli"
import { FileSystem } from "@effect/platform"
import { Console, Effect, Option, Redacted, Schema } from "effect"
import { readDesiredState } from "../desired/readDesiredState.js"
import type { ForbiddenTransition, SandboxConfig } from "../sandbox/Sandbox.js"
import { SandboxStartError, startSandbox } from "../sandbox/Sandbox.js"
import { SandboxStateJson, seedFromPlan } from "../sandbox/seedState.js"

// === Options ===

const seed = Options.file("seed", { exists: "yes" }).pipe(
  Options.withDescription(
    "A plan document (.md: one work package per wp#NN of its tracking table) or a JSON state file " +
      "({ statuses?, workPackages: [{ id, subject, status, type? }], forbiddenTransitions? })."
  ),
  Options.optional
)
const port = Options.integer("port").pipe(
  Options.withDescription("Port to listen on; 0 picks a free one."),
  Options.withDefault(0)
)
const host = Options.text("host").pipe(Options.withDefault("127.0.0.1"))
const apiKey = Options.redacted("api-key").pipe(
  Options.withDescription("The key clients must send (Basic apikey:<key>); a random one when absent."),
  Options.optional
)
const latency = Options.integer("latency-ms").pipe(
  Options.withDescription("Delay every answer by this many milliseconds."),
  Options.withDefault(0)
)
const drift = Options.float("drift").pipe(
  Options.withDescription("Share (0..1) of a plan's work packages that start in another status than planned."),
  Options.withDefault(0.3)
)
const randomSeed = Options.integer("random-seed").pipe(
  Options.withDescription("Seed for the drift and for probabilistic faults; the same seed, the same sandbox."),
  Options.withDefault(1)
)
const forbid = Options.text("forbid").pipe(
  Options.withDescription('A workflow refusal "From->To" (status names), e.g. --forbid "Closed->New"; repeatable.'),
  Options.repeated
)
const bearer = Options.boolean("bearer").pipe(Options.withDescription("Also accept Authorization: Bearer <key>."))

// === Seeding ===

type Seed = Pick<SandboxConfig, "workPackages" | "statuses" | "forbiddenTransitions">

const seedFromFile = (path: string, driftShare: number, randomSeed: number) =>
  Effect.gen(function* () {
    if (path.toLowerCase().endsWith(".json")) {
      const fs = yield* FileSystem.FileSystem
      const text = yield* fs.readFileString(path)
      const state = yield* Schema.decodeUnknown(SandboxStateJson)(text).pipe(
        Effect.mapError((e) => new SandboxStartError({ reason: `${path} is not a sandbox state file: ${e.message}` }))
      )
      const seeded: Seed = state
      return seeded
    }
    const document = yield* readDesiredState(path)
    const seeded: Seed = { workPackages: seedFromPlan(document.desired, { driftShare: driftShare, seed: randomSeed }) }
    return seeded
  })

const parseForbid = (text: string) => {
  const [from, to, ...rest] = text.split("->").map((s) => s.trim())
  return from === undefined || to === undefined || from === "" || to === "" || rest.length > 0
    ? Effect.fail(new SandboxStartError({ reason: `--forbid "${text}" is not of the form "From->To"` }))
    : Effect.succeed<ForbiddenTransition>({ from, to })
}

// === Command ===

export const sandboxCommand = Command.make(
  "sandbox",
  { seed, port, host, apiKey, latency, drift, randomSeed, forbid, bearer },
  (o) =>
    Effect.scoped(
      Effect.gen(function* () {
        const seeded: Seed = Option.isSome(o.seed)
          ? yield* seedFromFile(o.seed.value, o.drift, o.randomSeed)
          : { workPackages: [] }
        const refusals = yield* Effect.forEach(o.forbid, parseForbid)
        const key = Option.match(o.apiKey, {
          onNone: () => `sandbox-${randomBytes(16).toString("hex")}`,
          onSome: Redacted.value
        })
        const sandbox = yield* startSandbox({
          ...seeded,
          forbiddenTransitions: [...(seeded.forbiddenTransitions ?? []), ...refusals],
          apiKey: key,
          host: o.host,
          port: o.port,
          latencyMs: o.latency,
          seed: o.randomSeed,
          bearer: o.bearer
        })
        // This is the sandbox's own throwaway key: printing it is how a user gets to use the sandbox.
        yield* Console.log(`OpenProject sandbox listening on ${sandbox.url}`)
        yield* Console.log(`API key: ${sandbox.apiKey}`)
        yield* Console.log(`Work packages: ${seeded.workPackages.length}`)
        yield* Console.log(`Try: curl -u apikey:${sandbox.apiKey} '${sandbox.url}/api/v3/work_packages?filters=%5B%5D'`)
        yield* Console.log(
          `Use it: OPENPROJECT_URL=${sandbox.url} OPENPROJECT_API_KEY=${sandbox.apiKey} op-reconcile …`
        )
        yield* Console.log("Press Ctrl+C to stop.")
        return yield* Effect.never
      })
    )
).pipe(
  Command.withDescription(
    "Run a local OpenProject-compatible API (in memory) seeded from a plan or a state file, for demos and tests."
  )
)
