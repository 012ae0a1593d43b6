import * as Path from "node:path"
import { breakLegacyCommands } from "../safeText/workflowCommands.js"

/**
 * GitHub workflow commands for annotations (`::warning file=…,line=…::message`), with the runner's escaping:
 * the message escapes %, CR and LF; property values additionally escape ":" and ",", which delimit them.
 */

export type AnnotationLevel = "warning" | "error" | "notice"

export interface Annotation {
  readonly level: AnnotationLevel
  /** Path relative to the repository root (GITHUB_WORKSPACE), or GitHub cannot place it on the diff. */
  readonly file?: string
  readonly line?: number
  readonly endLine?: number
  readonly col?: number
  readonly title?: string
  readonly message: string
}

export const escapeData = (value: string): string =>
  value.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A")

const INVISIBLE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g

/**
 * An annotation's text comes from the plan and from OpenProject: it is shown by GitHub as it is, so controls
 * and bidi characters become spaces, and a `##[` in it, which the runner reads anywhere in a line, is broken.
 * Line breaks stay: the escaping below carries them.
 */
const visible = (value: string): string => breakLegacyCommands(value.replace(INVISIBLE, " "))

export const escapeProperty = (value: string): string => escapeData(value).replace(/:/g, "%3A").replace(/,/g, "%2C")

/** One workflow-command line; print it on stdout inside GitHub Actions. */
export const annotation = (a: Annotation): string => {
  const properties: Array<[string, string | number | undefined]> = [
    ["file", a.file],
    ["line", a.line],
    ["endLine", a.endLine],
    ["col", a.col],
    ["title", a.title]
  ]
  const rendered = properties
    .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
    .map(([key, value]) => `${key}=${escapeProperty(visible(String(value)))}`)
    .join(",")
  return `::${a.level}${rendered === "" ? "" : ` ${rendered}`}::${escapeData(visible(a.message))}`
}

/**
 * The path GitHub expects in an annotation: relative to the workspace, with forward slashes.
 * `file` may be relative to `cwd` (the action's working-directory) or absolute.
 */
export const annotationPath = (file: string, cwd: string, workspace: string | undefined): string => {
  const absolute = Path.resolve(cwd, file)
  if (workspace === undefined) return file.split(Path.sep).join("/")
  const relative = Path.relative(workspace, absolute)
  return relative.startsWith("..") || Path.isAbsolute(relative) ? file : relative.split(Path.sep).join("/")
}
