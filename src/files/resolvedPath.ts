import { basename, dirname, join, resolve } from "node:path"
import * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Option } from "effect"

/**
 * Where a path really points, to compare two paths as the file system sees them rather than as they were
 * typed: symlinks followed, `./` and `..` resolved, absolute. A path that does not exist yet (an `--out`
 * about to be created) resolves through its nearest existing directory, so `link-to-docs/new.json` and
 * `docs/new.json` come out the same.
 */
export const resolvedPath = (path: string): Effect.Effect<string, never, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const real = yield* fs.realPath(path).pipe(Effect.option)
    if (Option.isSome(real)) return real.value
    const parent = dirname(path)
    // The root (or "."), which always resolves: no existing ancestor to follow, so the plain absolute path.
    if (parent === path) return resolve(path)
    return join(yield* resolvedPath(parent), basename(path))
  })

/**
 * Whether two paths name the same file: the same resolved path, or (when both exist) the same inode on the
 * same device, which also catches hard links and case-insensitive file systems.
 */
export const sameFile = (a: string, b: string): Effect.Effect<boolean, never, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const [ra, rb] = [yield* resolvedPath(a), yield* resolvedPath(b)]
    if (ra === rb) return true
    const fs = yield* FileSystem.FileSystem
    const [sa, sb] = [yield* fs.stat(ra).pipe(Effect.option), yield* fs.stat(rb).pipe(Effect.option)]
    if (Option.isNone(sa) || Option.isNone(sb)) return false
    const [ia, ib] = [sa.value.ino, sb.value.ino]
    return (
      sa.value.dev === sb.value.dev && Option.isSome(ia) && Option.isSome(ib) && ia.value !== 0 && ia.value === ib.value
    )
  })
