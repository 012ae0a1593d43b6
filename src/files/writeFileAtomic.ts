import { randomBytes } from "node:crypto"
import { basename, dirname, join } from "node:path"
import type { PlatformError } from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Schema } from "effect"

/** A file op-reconcile was asked to write could not be written; whatever was there before is unchanged. */
export class OutputUnwritable extends Schema.TaggedError<OutputUnwritable>()("OutputUnwritable", {
  file: Schema.String,
  reason: Schema.String
}) {
  override get message(): string {
    return (
      `${this.file}: cannot write it (${this.reason}); the file was left as it was. ` +
      "Check that its directory exists and is writable, or pass another path."
    )
  }
}

// A random name cannot be guessed and planted in advance; `wx` (O_CREAT | O_EXCL) refuses a name that
// exists, a symlink included, so the temporary file is always a new file of ours and never a link's target.
const temporaryName = (file: string): string =>
  join(dirname(file), `.${basename(file)}.${randomBytes(8).toString("hex")}.tmp`)

const reasonOf = (error: PlatformError): string =>
  error._tag === "SystemError" && error.reason === "PermissionDenied" ? "permission denied" : error.message

/**
 * Writes `text` to `file` whole or not at all: into a new temporary file in the same directory (same file
 * system, so the rename is atomic), flushed, then renamed over `file`. A crash or a failed write leaves the
 * old file as it was and no temporary file behind. A symlink at `file` is replaced, never followed.
 */
export const writeFileAtomic = (
  file: string,
  text: string
): Effect.Effect<void, OutputUnwritable, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const bytes = new TextEncoder().encode(text)
    const temp = temporaryName(file)
    const fail = (e: PlatformError) => new OutputUnwritable({ file, reason: reasonOf(e) })
    const cleanUp = <A>(effect: Effect.Effect<A, PlatformError>) =>
      effect.pipe(Effect.tapError(() => fs.remove(temp).pipe(Effect.ignore)))
    yield* Effect.scoped(
      Effect.gen(function* () {
        // Not created means not ours: nothing to clean up, and whatever has that name is left alone.
        const handle = yield* fs.open(temp, { flag: "wx", mode: 0o666 }).pipe(Effect.mapError(fail))
        yield* handle.writeAll(bytes).pipe(Effect.zipRight(handle.sync), cleanUp, Effect.mapError(fail))
      })
    )
    yield* fs.rename(temp, file).pipe(cleanUp, Effect.mapError(fail))
  })
