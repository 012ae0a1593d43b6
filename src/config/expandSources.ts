import * as FileSystem from "@effect/platform/FileSystem"
import * as Path from "@effect/platform/Path"
import { Effect } from "effect"
import { isGlob, segmentMatcher, segmentsOf } from "./glob.js"

/** What a plan's `source` stands for: the files it names, relative to the config's directory. */
export type Expansion =
  | { readonly _tag: "Files"; readonly files: ReadonlyArray<string> }
  | { readonly _tag: "NoMatch" }
  | { readonly _tag: "Missing"; readonly reason: string }

const entriesOf = (fs: FileSystem.FileSystem, dir: string) =>
  fs.readDirectory(dir).pipe(Effect.orElseSucceed((): ReadonlyArray<string> => []))

const kindOf = (fs: FileSystem.FileSystem, path: string) =>
  fs.stat(path).pipe(
    Effect.map((info) => info.type),
    Effect.orElseSucceed(() => "Missing" as const)
  )

/**
 * The files under `base` that match a glob, walked one segment at a time so that only the directories a
 * pattern can reach are listed (`docs/*.md` never lists the whole repository). Sorted, `/`-separated.
 */
const walk = (base: string, pattern: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const found = new Set<string>()
    const visit = (relative: ReadonlyArray<string>, rest: ReadonlyArray<string>): Effect.Effect<void> =>
      Effect.gen(function* () {
        const here = path.join(base, ...relative)
        const [head, ...tail] = rest
        if (head === undefined) {
          if ((yield* kindOf(fs, here)) === "File") found.add(relative.join("/"))
          return
        }
        if (head === "**") {
          yield* visit(relative, tail)
          for (const name of yield* entriesOf(fs, here)) {
            if (name.startsWith(".")) continue
            if ((yield* kindOf(fs, path.join(here, name))) === "Directory") yield* visit([...relative, name], rest)
          }
          return
        }
        if (!isGlob(head)) return yield* visit([...relative, head], tail)
        const matches = segmentMatcher(head)
        for (const name of yield* entriesOf(fs, here)) if (matches(name)) yield* visit([...relative, name], tail)
      })
    yield* visit([], pattern)
    return [...found].sort()
  })

/** Resolves one `source` against the config's directory: a file that must exist, or a glob that must match. */
export const expandSource = (configDir: string, source: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const path = yield* Path.Path
    const normalised = source.replace(/\\/g, "/")
    if (isGlob(normalised)) {
      if (normalised.startsWith("/")) {
        const files = yield* walk("/", segmentsOf(normalised))
        return files.length === 0
          ? ({ _tag: "NoMatch" } as const)
          : ({ _tag: "Files", files: files.map((f) => `/${f}`) } as const)
      }
      const files = yield* walk(configDir, segmentsOf(normalised))
      return files.length === 0 ? ({ _tag: "NoMatch" } as const) : ({ _tag: "Files", files } as const)
    }
    const kind = yield* kindOf(fs, path.resolve(configDir, normalised))
    if (kind === "File") return { _tag: "Files", files: [normalised.replace(/^(\.\/)+/, "")] } as const
    const reason =
      kind === "Missing"
        ? "no such file"
        : kind === "Directory"
          ? "it is a directory (use a glob such as dir/*.md)"
          : "it is not a regular file"
    return { _tag: "Missing", reason } as const
  }) satisfies Effect.Effect<Expansion, never, FileSystem.FileSystem | Path.Path>
