import { Command, Options } from "@effect/cli"
import { STATUS_SET_NAMES } from "../sandbox/statusSetNames.js"
import { lazy } from "./lazy.js"

// === Options ===

const seed = Options.file("seed", { exists: "yes" }).pipe(
  Options.withPseudoName("FILE"),
  Options.withDescription(
    "A plan document (.md: one work package per wp#NN of its tracking table) or a JSON state file " +
      "({ statuses?, types?, workPackages: [{ id, subject, status, type? }], forbiddenTransitions? })."
  ),
  Options.optional
)
const port = Options.integer("port").pipe(
  Options.withDescription("Port to listen on; 0 picks a free one (default: 0)."),
  Options.withDefault(0)
)
const host = Options.text("host").pipe(
  Options.withPseudoName("HOST"),
  Options.withDescription("Address to listen on (default: 127.0.0.1, this machine only)."),
  Options.withDefault("127.0.0.1")
)
const apiKey = Options.redacted("api-key").pipe(
  Options.withPseudoName("KEY"),
  Options.withDescription("The key clients must send (Basic apikey:<key>); a random one when absent."),
  Options.optional
)
const latency = Options.integer("latency-ms").pipe(
  Options.withDescription("Delay every answer by this many milliseconds (default: 0)."),
  Options.withDefault(0)
)
const drift = Options.float("drift").pipe(
  Options.withDescription(
    "Share (0..1) of a plan's work packages that start in another status than planned (default: 0.3)."
  ),
  Options.withDefault(0.3)
)
const randomSeed = Options.integer("random-seed").pipe(
  Options.withDescription("Seed for the drift and the random faults: the same seed, the same sandbox (default: 1)."),
  Options.withDefault(1)
)
const forbid = Options.text("forbid").pipe(
  Options.withPseudoName("FROM->TO"),
  Options.withDescription('A workflow refusal between two status names, e.g. --forbid "Closed->New".'),
  Options.repeated
)
const statuses = Options.choice("statuses", STATUS_SET_NAMES).pipe(
  Options.withDescription(
    "The status list to start with, as OpenProject seeds it: runbook (the runbook's eight, the default), " +
      "openproject (OpenProject's English seed) or de (its German seed: Neu, In Bearbeitung, Erledigt, …). " +
      "A plan's words are translated by the seed's position (In progress → In Bearbeitung); a state file's own statuses win."
  ),
  Options.withDefault("runbook")
)
const formRateLimit = Options.text("form-rate-limit").pipe(
  Options.withPseudoName("LIMIT/SECONDS"),
  Options.withDescription(
    "Throttle POST …/form as OpenProject's api_v3 rate limit does, e.g. \"6/3\" (OpenProject's default; also on " +
      "with OPENPROJECT_RATE_LIMITING_API__V3=true). Off by default, as in OpenProject."
  ),
  Options.optional
)
const bearer = Options.boolean("bearer").pipe(Options.withDescription("Also accept Authorization: Bearer KEY."))
const user = Options.text("user").pipe(
  Options.withPseudoName("KEY=NAME"),
  Options.withDescription(
    'Another person with an API key of their own, "KEY=Name", e.g. --user "pat-key=Pat Operator": requests with ' +
      "that key act as them, the way they would edit a work package in OpenProject's UI."
  ),
  Options.repeated
)
const activityUserTitles = Options.boolean("activity-user-titles").pipe(
  Options.withDescription("Name the user in each activity's _links.user.title, as some OpenProject versions do.")
)

const options = {
  seed,
  port,
  host,
  apiKey,
  latency,
  drift,
  randomSeed,
  forbid,
  statuses,
  formRateLimit,
  bearer,
  user,
  activityUserTitles
}

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
