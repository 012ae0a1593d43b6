import { Effect, Option, Schema } from "effect"
import type { ReconcileOptions } from "../reconcile.js"

/** A combination of flags that cannot mean anything; nothing was read or written. */
export class ConflictingFlags extends Schema.TaggedError<ConflictingFlags>()("ConflictingFlags", {
  problem: Schema.String
}) {
  override get message(): string {
    return `${this.problem} See \`op-reconcile reconcile --help\`.`
  }
}

/** Flags that exclude each other are refused before anything is read. */
export const checkFlags = (o: ReconcileOptions): Effect.Effect<void, ConflictingFlags> => {
  if (o.apply && o.dryRun) {
    return new ConflictingFlags({ problem: "--apply and --dry-run exclude each other: choose one." })
  }
  if (Option.isSome(o.plan) && !o.apply) {
    return new ConflictingFlags({
      problem: "--plan applies a saved plan, so it needs --apply (a dry-run always plans afresh)."
    })
  }
  if (o.apply && o.githubComment) {
    return new ConflictingFlags({
      problem: "--github-comment posts a dry-run plan on a pull request; it does not go with --apply."
    })
  }
  return Effect.void
}
