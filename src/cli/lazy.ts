import { Effect } from "effect"

/**
 * Runs a command's handler from a module loaded on first use. The bundle keeps such a module unevaluated
 * until then, so `validate` does not pay for evaluating the HTTP client, the sandbox server or the GitHub code.
 */
export const lazy = <M, A, E, R>(load: () => Promise<M>, run: (module: M) => Effect.Effect<A, E, R>) =>
  Effect.flatMap(
    Effect.promise(() => load()),
    run
  )
