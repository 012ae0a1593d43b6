import { Effect, Exit, Fiber } from "effect"

/** The signals that stop a run, and the exit code each gives (128 + the signal's number, as shells report). */
export const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const
type StopSignal = keyof typeof SIGNAL_EXIT_CODES

/**
 * Runs the program as the process: its result is the exit code. SIGINT or SIGTERM interrupts it, so
 * that work in flight settles (an apply never leaves an item half-written) and the program says what it
 * did; the exit code is then 130 or 143. A second signal stops the process at once.
 */
export const runAsProcess = (program: Effect.Effect<number>): void => {
  const fiber = Effect.runFork(program)
  // The process stays up while the program runs, even when it only waits on a timer.
  const keepAlive = setInterval(() => {}, 2 ** 31 - 1)
  let stoppedBy: StopSignal | undefined
  const onSignal = (signal: StopSignal) => {
    if (stoppedBy !== undefined) process.exit(SIGNAL_EXIT_CODES[signal])
    stoppedBy = signal
    Effect.runFork(Fiber.interrupt(fiber))
  }
  const onSigint = () => onSignal("SIGINT")
  const onSigterm = () => onSignal("SIGTERM")
  process.on("SIGINT", onSigint)
  process.on("SIGTERM", onSigterm)
  fiber.addObserver((exit) => {
    clearInterval(keepAlive)
    process.off("SIGINT", onSigint)
    process.off("SIGTERM", onSigterm)
    const code = stoppedBy !== undefined ? SIGNAL_EXIT_CODES[stoppedBy] : Exit.isSuccess(exit) ? exit.value : 1
    // A clean run ends by itself, after stdout is flushed; any other code ends the process now.
    if (code === 0) process.exitCode = 0
    else process.exit(code)
  })
}
