import { format } from "node:util"
import { Console, Effect, FiberRef } from "effect"
import { safeOutput } from "../safeText/safeOutput.js"

/**
 * Everything op-reconcile prints goes through this console (see src/safeText/safeOutput.ts): in GitHub
 * Actions no subject, cell, header, server message or saved-plan field can form a workflow command, on
 * stdout or stderr, whatever renderer or error message printed it. Only `printWorkflowCommands` may start
 * a line with `::`, for op-reconcile's own annotations, which annotations.ts has escaped.
 */

const ownCommands = FiberRef.unsafeMake(false)

const text = (args: ReadonlyArray<unknown>): string =>
  args.every((arg) => typeof arg === "string") ? args.join(" ") : format(...args)

/** Prints op-reconcile's own workflow commands (annotations), one per line, on stderr (stdout is the plan). */
export const printWorkflowCommands = (lines: ReadonlyArray<string>): Effect.Effect<void> =>
  lines.length === 0 ? Effect.void : Effect.locally(Console.error(lines.join("\n")), ownCommands, true)

const guard = (console: Console.Console): Console.Console => {
  const unsafe = console.unsafe
  const printing =
    (print: (...args: ReadonlyArray<unknown>) => Effect.Effect<void>) =>
    (...args: ReadonlyArray<unknown>) =>
      Effect.flatMap(FiberRef.get(ownCommands), (allowLineCommands) =>
        print(safeOutput(text(args), { allowLineCommands }))
      )
  // Loggers call the unsafe console outside any effect: a log line is never one of op-reconcile's commands.
  const unsafePrinting =
    (print: (...args: ReadonlyArray<unknown>) => void) =>
    (...args: ReadonlyArray<unknown>) =>
      print(safeOutput(text(args)))
  return {
    ...console,
    log: printing(console.log),
    info: printing(console.info),
    debug: printing(console.debug),
    warn: printing(console.warn),
    error: printing(console.error),
    trace: printing(console.trace),
    dir: (item) => printing(console.log)(format(item)),
    dirxml: printing(console.log),
    table: (data) => printing(console.log)(format(data)),
    group: (options) =>
      options?.label === undefined
        ? console.group(options)
        : console.group({ ...options, label: safeOutput(options.label) }),
    unsafe: {
      ...unsafe,
      log: unsafePrinting((...a) => unsafe.log(...a)),
      info: unsafePrinting((...a) => unsafe.info(...a)),
      debug: unsafePrinting((...a) => unsafe.debug(...a)),
      warn: unsafePrinting((...a) => unsafe.warn(...a)),
      error: unsafePrinting((...a) => unsafe.error(...a)),
      trace: unsafePrinting((...a) => unsafe.trace(...a)),
      dir: (item) => unsafe.log(safeOutput(format(item))),
      dirxml: unsafePrinting((...a) => unsafe.log(...a)),
      table: (data) => unsafe.log(safeOutput(format(data)))
    }
  }
}

/** Runs `effect` with every line it prints made safe for a terminal and a GitHub Actions log. */
export const withSafeOutput = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Console.consoleWith((console) => Effect.withConsole(effect, guard(console)))
