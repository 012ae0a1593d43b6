import { Options } from "@effect/cli"
import type { Option } from "effect"

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
  requestsPerSecond: Options.float("requests-per-second").pipe(
    Options.withPseudoName("R"),
    Options.withDescription("Requests per second at most, a client-side limit towards OpenProject (default: 10)."),
    Options.withDefault(10)
  ),
  concurrency: Options.integer("concurrency").pipe(
    Options.withDescription("How many requests and work package updates run at once (default: 4)."),
    Options.withDefault(4)
  )
}

export interface ConnectionValues {
  readonly url: Option.Option<string>
  readonly auth: "basic" | "bearer"
  readonly requestsPerSecond: number
  readonly concurrency: number
}
