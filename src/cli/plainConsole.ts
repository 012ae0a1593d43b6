import { Console, Effect } from "effect"

// SGR sequences (colour, bold) as @effect/cli writes them into its help and usage messages.
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g")

const plain = (args: ReadonlyArray<unknown>): ReadonlyArray<unknown> =>
  args.map((arg) => (typeof arg === "string" ? arg.replace(SGR, "") : arg))

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
