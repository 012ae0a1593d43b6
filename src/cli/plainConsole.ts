import { Console, Effect } from "effect"
import { withoutSgr } from "./startup/sgr.js"

const plain = (args: ReadonlyArray<unknown>): ReadonlyArray<unknown> =>
  args.map((arg) => (typeof arg === "string" ? withoutSgr(arg) : arg))

/**
 * Runs `effect` with a console that drops colour codes. @effect/cli colours its help unconditionally; this
 * is how `--help` and usage errors stay plain when piped or when NO_COLOR is set.
 */
export const withoutColor = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Console.consoleWith((console) =>
    Effect.withConsole(effect, {
      ...console,
      log: (...args) => console.log(...plain(args)),
      error: (...args) => console.error(...plain(args)),
      info: (...args) => console.info(...plain(args)),
      warn: (...args) => console.warn(...plain(args))
    })
  )
