import { Either, ParseResult, Schema } from "effect"
import { isMap, isNode, isPair, isScalar, LineCounter, type Node, parseDocument } from "yaml"
import { ConfigFile } from "./ConfigFile.js"
import { closestKey } from "./closestKey.js"
import { ConfigInvalid, ConfigProblem } from "./errors.js"
import { knownKeysAt } from "./knownKeys.js"

/** A place in the config file, 1-based as editors show it. */
export interface Position {
  readonly line: number
  readonly column: number
}

export type ConfigPath = ReadonlyArray<string | number>

/** The decoded config, and where each of its values sits in the file (for errors found after decoding). */
export interface ParsedConfig {
  readonly file: string
  readonly config: ConfigFile
  /** The position of the value at `path` (e.g. ["plans", 1, "source"]); the nearest enclosing value if absent. */
  readonly positionOf: (path: ConfigPath) => Position
}

const decode = Schema.decodeUnknownEither(ConfigFile, { onExcessProperty: "error", errors: "all" })

type Located = { readonly range?: [number, number, number] | null }

const startOf = (node: unknown): number | undefined => {
  const range = (node as Located | null)?.range
  return isNode(node) && range !== undefined && range !== null ? range[0] : undefined
}

/** The YAML node at `path` and, when the last step is a map key, that key's own node. */
const nodesAt = (root: unknown, path: ConfigPath): { readonly value: unknown; readonly key?: unknown } => {
  let node: unknown = root
  let key: unknown
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && (isScalar(p.key) ? p.key.value : p.key) === step)
      if (pair === undefined) return { value: node }
      key = pair.key
      node = pair.value
    } else if (node !== null && typeof node === "object" && "items" in node && typeof step === "number") {
      const items = (node as { readonly items: ReadonlyArray<unknown> }).items
      const item = items[step]
      if (item === undefined) return { value: node }
      key = undefined
      node = item
    } else return { value: node, key }
  }
  return { value: node, key }
}

const describePath = (path: ConfigPath): string =>
  path.reduce<string>(
    (out, step) => (typeof step === "number" ? `${out}[${step}]` : out === "" ? step : `${out}.${step}`),
    ""
  )

const problemFor = (
  issue: ParseResult.ArrayFormatterIssue,
  where: (offset: number | undefined) => Position,
  root: unknown
): ConfigProblem => {
  const path = issue.path.map((step) => (typeof step === "number" ? step : String(step)))
  const parent = path.slice(0, -1)
  const last = path[path.length - 1]
  const at = nodesAt(root, path)
  switch (issue._tag) {
    case "Unexpected": {
      const known = knownKeysAt(ConfigFile.ast, parent)
      const suggestion = typeof last === "string" ? closestKey(last, known) : undefined
      const inWhat = parent.length === 0 ? "" : ` in ${describePath(parent)}`
      const hint =
        suggestion === undefined ? `the keys here are: ${known.join(", ")}` : `did you mean \`${suggestion}:\`?`
      return new ConfigProblem({
        ...where(startOf(at.key ?? at.value)),
        message: `unknown key \`${String(last)}:\`${inWhat}; ${hint}`
      })
    }
    case "Missing": {
      const inWhat = parent.length === 0 ? "" : ` in ${describePath(parent)}`
      return new ConfigProblem({
        ...where(startOf(nodesAt(root, parent).value)),
        message: `missing key \`${String(last)}:\`${inWhat}${last === "version" ? " (add `version: 1` at the top)" : ""}`
      })
    }
    default: {
      const name = path.length === 0 ? "the config" : describePath(path)
      return new ConfigProblem({ ...where(startOf(at.value) ?? startOf(at.key)), message: `${name}: ${issue.message}` })
    }
  }
}

const sameParent = (a: ReadonlyArray<PropertyKey>, b: ReadonlyArray<PropertyKey>): boolean =>
  a.length === b.length && a.slice(0, -1).every((step, i) => step === b[i])

/**
 * `plan:` for `plans:` is one mistake, not two: a missing key that a mistyped sibling suggests is left out,
 * since the "did you mean" already says what to write.
 */
const withoutEchoes = (
  issues: ReadonlyArray<ParseResult.ArrayFormatterIssue>
): ReadonlyArray<ParseResult.ArrayFormatterIssue> =>
  issues.filter(
    (missing) =>
      missing._tag !== "Missing" ||
      !issues.some((typo) => {
        const typed = typo.path[typo.path.length - 1]
        const wanted = missing.path[missing.path.length - 1]
        return (
          typo._tag === "Unexpected" &&
          sameParent(typo.path, missing.path) &&
          typeof typed === "string" &&
          typeof wanted === "string" &&
          closestKey(typed, knownKeysAt(ConfigFile.ast, missing.path.slice(0, -1))) === wanted
        )
      })
  )

/**
 * Reads the text of an op-reconcile.yml (pure): YAML first (syntax errors, duplicate keys), then the
 * config's schema. Every problem comes back with its line and column, all of them at once.
 */
export const parseConfig = (text: string, file: string): Either.Either<ParsedConfig, ConfigInvalid> => {
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true })
  const where = (offset: number | undefined): Position => {
    if (offset === undefined) return { line: 1, column: 1 }
    const { line, col } = lineCounter.linePos(offset)
    return { line, column: col }
  }
  if (doc.errors.length > 0) {
    return Either.left(
      new ConfigInvalid({
        file,
        problems: doc.errors.map(
          (e) => new ConfigProblem({ ...where(e.pos[0]), message: `not valid YAML: ${e.message}` })
        )
      })
    )
  }
  const value: unknown = doc.toJS()
  if (value === null || value === undefined) {
    return Either.left(
      new ConfigInvalid({
        file,
        problems: [
          new ConfigProblem({
            line: 1,
            column: 1,
            message: "the config is empty: start with `version: 1` and `plans:`"
          })
        ]
      })
    )
  }
  const root: Node | unknown = doc.contents
  return Either.match(decode(value), {
    onLeft: (error) =>
      Either.left(
        new ConfigInvalid({
          file,
          problems: withoutEchoes(ParseResult.ArrayFormatter.formatErrorSync(error))
            .map((issue) => problemFor(issue, where, root))
            .sort((a, b) => a.line - b.line || a.column - b.column)
        })
      ),
    onRight: (config) =>
      Either.right({
        file,
        config,
        positionOf: (path: ConfigPath) => {
          const at = nodesAt(root, path)
          return where(startOf(at.value) ?? startOf(at.key))
        }
      })
  })
}
