import { HelpDoc, Options, ValidationError } from "@effect/cli"
import { Effect, type Option } from "effect"

/** How to reach OpenProject. The key is only ever read from OPENPROJECT_API_KEY (never a flag: argv is public). */
export const connectionOptions = {
  url: Options.text("url").pipe(
    Options.withPseudoName("URL"),
    Options.withDescription("The OpenProject instance root; https unless loopback (default: $OPENPROJECT_URL)."),
    Options.optional
  ),
  auth: Options.choice("auth", ["basic", "bearer"]).pipe(
    Options.withDescription(
      "How the API key is sent: basic (apikey:KEY, every release) or bearer (2026+ releases) (default: basic)."
    ),
    Options.withDefault("basic")
  ),
  // The defaults are OpenProjectConfig's DEFAULTS, written out: importing that module here would load the
  // client on every command's start-up, --help included.
  requestsPerSecond: Options.float("requests-per-second").pipe(
    Options.withPseudoName("R"),
    Options.withDescription(
      "Steady request rate towards OpenProject once the burst is spent; a 429 halves it, successes restore it (default: 10)."
    ),
    Options.withDefault(10)
  ),
  burst: Options.integer("burst").pipe(
    Options.withPseudoName("N"),
    Options.withDescription(
      "Requests that may go at once before the steady rate applies; fits an apply of 25 changes (default: 150)."
    ),
    Options.withDefault(150),
    Options.mapEffect((n) =>
      n >= 1
        ? Effect.succeed(n)
        : Effect.fail(ValidationError.invalidValue(HelpDoc.p(`--burst must be 1 or more, not ${n}.`)))
    )
  ),
  concurrency: Options.integer("concurrency").pipe(
    Options.withDescription("How many requests and work package updates run at once (default: 6)."),
    Options.withDefault(6)
  )
}

export interface ConnectionValues {
  readonly url: Option.Option<string>
  readonly auth: "basic" | "bearer"
  readonly requestsPerSecond: number
  readonly burst: number
  readonly concurrency: number
}
