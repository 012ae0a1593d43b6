import { Console, Effect } from "effect"

export interface Captured {
  readonly stdout: Array<string>
  readonly stderr: Array<string>
}

/** A Console that records what a command prints, one entry per call, in place of the terminal. */
export const capturingConsole = (): { readonly console: Console.Console; readonly captured: Captured } => {
  const captured: Captured = { stdout: [], stderr: [] }
  const text = (args: ReadonlyArray<unknown>) => args.map(String).join(" ")
  const out = (...args: ReadonlyArray<unknown>) => {
    captured.stdout.push(text(args))
  }
  const err = (...args: ReadonlyArray<unknown>) => {
    captured.stderr.push(text(args))
  }
  const ignore = () => {}
  const unsafe: Console.UnsafeConsole = {
    assert: ignore,
    clear: ignore,
    count: ignore,
    countReset: ignore,
    debug: out,
    dir: out,
    dirxml: out,
    error: err,
    group: ignore,
    groupCollapsed: ignore,
    groupEnd: ignore,
    info: out,
    log: out,
    table: out,
    time: ignore,
    timeEnd: ignore,
    timeLog: ignore,
    trace: err,
    warn: err
  }
  const effect =
    (f: (...args: ReadonlyArray<unknown>) => void) =>
    (...args: ReadonlyArray<unknown>) =>
      Effect.sync(() => f(...args))
  const console: Console.Console = {
    [Console.TypeId]: Console.TypeId,
    assert: () => Effect.void,
    clear: Effect.void,
    count: () => Effect.void,
    countReset: () => Effect.void,
    debug: effect(out),
    dir: effect(out),
    dirxml: effect(out),
    error: effect(err),
    group: () => Effect.void,
    groupEnd: Effect.void,
    info: effect(out),
    log: effect(out),
    table: effect(out),
    time: () => Effect.void,
    timeEnd: () => Effect.void,
    timeLog: () => Effect.void,
    trace: effect(err),
    warn: effect(err),
    unsafe
  }
  return { console, captured }
}
