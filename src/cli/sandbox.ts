import { Command, Options } from "@effect/cli"
import { lazy } from "./lazy.js"

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
const user = Options.text("user").pipe(
  Options.withDescription(
    'Another person with an API key of their own, "KEY=Name", e.g. --user "pat-key=Pat Operator": requests with ' +
      "that key act as them, the way they would edit a work package in OpenProject's UI; repeatable."
  ),
  Options.repeated
)
const activityUserTitles = Options.boolean("activity-user-titles").pipe(
  Options.withDescription("Name the user in each activity's _links.user.title, as some OpenProject versions do.")
)

const options = { seed, port, host, apiKey, latency, drift, randomSeed, forbid, bearer, user, activityUserTitles }

export type SandboxOptions = Command.Command.ParseConfig<typeof options>

// === Command ===

export const sandboxCommand = Command.make("sandbox", options, (o) =>
  lazy(
    () => import("./sandbox/runSandbox.js"),
    (m) => m.runSandbox(o)
  )
).pipe(
  Command.withDescription(
    "Run a local OpenProject-compatible API (in memory) seeded from a plan or a state file, for demos and tests."
  )
)
