import { Effect } from "effect"
import { lineProgress, type ProgressOutput, terminalProgress } from "./progressReporters.js"

const stderr: ProgressOutput = {
  write: (text) =>
    Effect.sync(() => {
      process.stderr.write(text)
    })
}

/** Progress on this process's stderr: a live line on a terminal, one line per event anywhere else. */
export const stderrProgress = Effect.suspend(() =>
  process.stderr.isTTY === true ? terminalProgress(stderr) : lineProgress(stderr)
)
