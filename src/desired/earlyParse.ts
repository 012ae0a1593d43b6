import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs"
import { availableParallelism } from "node:os"
import type { ParseJob, StartParse } from "./parseJob.js"
import { READER_LIMITS } from "./readerLimits.js"

/**
 * The parse of the plan document, started when the process starts (src/bin.ts), before the CLI has
 * loaded: the markdown parse is most of a long table's run, and on a machine with two cores it runs
 * while the other loads the CLI. Only where the command line says for certain which document the run
 * reads (earlyPlanPath), and only a regular file large enough for the parse beside the CLI's start-up to
 * save time (earlyParseMinBytes); the reader takes the result only for the same path and the same text
 * (takeEarlyParse), so it reads exactly what it would read without this, and a plan it would have parsed
 * in its own thread is parsed once, in the worker, with the worker's heap cap and time budget. Nothing
 * here loads effect or the CLI.
 */

/** The commands that read the plans they are given and nothing else first. */
const READING_COMMANDS: ReadonlySet<string> = new Set(["reconcile", "validate", "status"])

/**
 * The plan file a command line reads, when that is certain from the arguments alone: a reading command
 * first, then exactly one `--source FILE` (or `-s FILE`, `--source=FILE`), no `--config` and nothing that
 * makes the command do something else (help, version, the end of options).
 */
export const earlyPlanPath = (args: ReadonlyArray<string>): string | undefined => {
  const [command, ...rest] = args
  if (command === undefined || !READING_COMMANDS.has(command)) return undefined
  const sources: Array<string | undefined> = []
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i] ?? ""
    if (arg === "--" || arg === "--help" || arg === "-h" || arg === "--version" || arg === "--wizard") return undefined
    if (arg === "--config" || arg.startsWith("--config=")) return undefined
    if (arg === "--source" || arg === "-s") {
      sources.push(rest[i + 1])
      i += 1
    } else if (arg.startsWith("--source=")) {
      sources.push(arg.slice("--source=".length))
    }
  }
  const [path, ...others] = sources
  return others.length === 0 && path !== undefined && path !== "" && !path.startsWith("-") ? path : undefined
}

/**
 * The smallest plan worth parsing at start-up: with a second core, a plan of a few dozen rows (the worker
 * parses it while this thread loads the CLI); with one, only a plan the reader would parse in the worker
 * anyway (readerLimits.ts, `earlyParseMinBytes`).
 */
export const earlyParseMinBytes = (cores: number): number =>
  cores >= 2 ? READER_LIMITS.earlyParseMinBytes : READER_LIMITS.inThreadMaxBytes + 1

/**
 * The text of a plan of at least `minBytes` bytes, read as the reader reads it (UTF-8, a leading BOM
 * dropped, no NUL bytes); undefined for anything else, which the reader then handles as always. Opened
 * without blocking, so a FIFO named as the plan never holds the process here.
 */
const planText = (path: string, minBytes: number): string | undefined => {
  let fd: number | undefined
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0))
    const info = fstatSync(fd)
    if (!info.isFile() || info.size < minBytes || info.size > READER_LIMITS.maxBytes) {
      return undefined
    }
    const bytes = readFileSync(fd)
    if (bytes.includes(0)) return undefined
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes)
  } catch {
    return undefined
  } finally {
    if (fd !== undefined) closeSync(fd)
  }
}

interface EarlyParse {
  readonly path: string
  readonly job: ParseJob
}

// The entry (dist/op-reconcile.js) and the CLI (dist/chunks/cli.cjs) are separate bundles, each with its
// own copy of this module: the parse the entry starts reaches the CLI's reader on the process's global
// object, under a name of its own.
declare global {
  var opReconcileEarlyParse: EarlyParse | undefined
}

/**
 * Starts the parse of the plan the command line names, if it names one for certain and it is large enough
 * for the machine's `cores` (see above).
 */
export const startEarlyParse = (
  args: ReadonlyArray<string>,
  start: StartParse,
  cores: number = availableParallelism()
): void => {
  const path = earlyPlanPath(args)
  const text = path === undefined ? undefined : planText(path, earlyParseMinBytes(cores))
  if (path === undefined || text === undefined) return
  globalThis.opReconcileEarlyParse = { path, job: start(text, { held: false }) }
}

/**
 * The parse started at start-up, if it is of this document: the same path and the same text (the file
 * may have changed since). Taken once; a parse of anything else is stopped, so it costs no more time.
 */
export const takeEarlyParse = (path: string, text: string): ParseJob | undefined => {
  const found = globalThis.opReconcileEarlyParse
  globalThis.opReconcileEarlyParse = undefined
  if (found === undefined) return undefined
  if (found.path === path && found.job.text === text) return found.job
  void found.job.stop()
  return undefined
}
