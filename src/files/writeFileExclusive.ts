import { randomBytes } from "node:crypto"
import { basename, dirname, join } from "node:path"
import type { PlatformError } from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Schema } from "effect"
import { OutputUnwritable } from "./writeFileAtomic.js"

/** The file a command would create exists already; it is left exactly as it was. */
export class OutputExists extends Schema.TaggedError<OutputExists>()("OutputExists", {
  file: Schema.String
}) {
  override get message(): string {
    return `${this.file} exists already and was left as it is; move it away, or pass another path to write to.`
  }
}

/**
 * Creates `file` with `text`, whole, and only if no file of that name exists: the text goes to a new
 * temporary file first, which is then hard-linked to `file` (a link never replaces an existing name, so two
 * runs at once cannot both win, and a symlink at `file` is never followed) and removed. A crash leaves either
 * no `file` or the whole of it.
 */
export const writeFileExclusive = (
  file: string,
  text: string
): Effect.Effect<void, OutputExists | OutputUnwritable, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const temp = join(dirname(file), `.${basename(file)}.${randomBytes(8).toString("hex")}.tmp`)
    const fail = (e: PlatformError) => new OutputUnwritable({ file, reason: e.message })
    const removeTemp = fs.remove(temp).pipe(Effect.ignore)
    yield* Effect.scoped(
      Effect.gen(function* () {
        const handle = yield* fs.open(temp, { flag: "wx", mode: 0o666 }).pipe(Effect.mapError(fail))
        yield* handle.writeAll(new TextEncoder().encode(text)).pipe(Effect.zipRight(handle.sync), Effect.mapError(fail))
      })
    ).pipe(Effect.tapError(() => removeTemp))
    yield* fs.link(temp, file).pipe(
      Effect.mapError((e) =>
        e._tag === "SystemError" && e.reason === "AlreadyExists" ? new OutputExists({ file }) : fail(e)
      ),
      Effect.ensuring(removeTemp)
    )
  })
