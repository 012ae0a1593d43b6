import { Options } from "@effect/cli"
import type { Option } from "effect"

/** How to reach OpenProject. The key is only ever read from OPENPROJECT_API_KEY (never a flag: argv is public). */
export const connectionOptions = {
  url: Options.text("url").pipe(
    Options.withDescription("OpenProject instance root (default: $OPENPROJECT_URL). https unless loopback."),
    Options.optional
  ),
  auth: Options.choice("auth", ["basic", "bearer"]).pipe(
    Options.withDescription("How the API key is sent: basic (apikey:KEY, every release) or bearer (2026+ releases)."),
    Options.withDefault("basic")
  ),
  requestsPerSecond: Options.float("requests-per-second").pipe(
    Options.withDescription("Client-side rate limit towards OpenProject (token bucket)."),
    Options.withDefault(10)
  ),
  concurrency: Options.integer("concurrency").pipe(
    Options.withDescription("How many requests and work package updates run at once."),
    Options.withDefault(4)
  )
}

export interface ConnectionValues {
  readonly url: Option.Option<string>
  readonly auth: "basic" | "bearer"
  readonly requestsPerSecond: number
  readonly concurrency: number
}
