import { readFileSync } from "node:fs"
import { useColor } from "../color.js"
import { LOG_LEVEL_ENV } from "../commandLine/globalFlags.js"
import { withoutSgr } from "./sgr.js"

/** The commands whose `--help` is rendered at build time; one missing here only starts slower. */
export const QUICK_COMMANDS = ["reconcile", "status", "validate", "statuses", "init", "sandbox"] as const

/**
 * The argument lists answered without loading the CLI stack (effect, @effect/cli), with the file of
 * dist/help/ that holds the answer: exactly what @effect/cli prints for them, rendered by `npm run build`.
 */
export const QUICK_FORMS: ReadonlyArray<{ readonly args: ReadonlyArray<string>; readonly file: string }> = [
  { args: [], file: "op-reconcile.txt" },
  { args: ["--help"], file: "op-reconcile.txt" },
  { args: ["-h"], file: "op-reconcile.txt" },
  { args: ["help"], file: "op-reconcile.txt" },
  { args: ["--version"], file: "version.txt" },
  ...QUICK_COMMANDS.flatMap((command) => [
    { args: [command, "--help"], file: `${command}.txt` },
    { args: [command, "-h"], file: `${command}.txt` },
    { args: ["help", command], file: `${command}.txt` }
  ])
]

export const quickAnswerFile = (args: ReadonlyArray<string>): string | undefined =>
  QUICK_FORMS.find((form) => form.args.length === args.length && form.args.every((arg, i) => arg === args[i]))?.file

/**
 * Prints the rendered answer for `args` if there is one, in colour only where the CLI would use colour.
 * False when the arguments need the CLI, when the environment sets a log level (the CLI checks it, even
 * for --help), or when the rendered text is not there (a run from the sources).
 */
export const answerQuickly = (
  args: ReadonlyArray<string>,
  helpDirectory: URL,
  env: Readonly<Record<string, string | undefined>> = process.env
): boolean => {
  const file = quickAnswerFile(args)
  if (file === undefined || (env[LOG_LEVEL_ENV] ?? "") !== "") return false
  let text: string
  try {
    text = readFileSync(new URL(file, helpDirectory), "utf8")
  } catch {
    return false
  }
  process.stdout.write(useColor(process.stdout) ? text : withoutSgr(text))
  return true
}
