import { createHash } from "node:crypto"
import type { PlatformError } from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Either } from "effect"
import type { DesiredState } from "../domain/desired.js"
import { type DesiredStateError, SourceUnreadable } from "../domain/errors.js"
import { DEFAULT_VOCABULARY, type Vocabulary } from "../domain/vocabulary.js"
import { parseDesiredState } from "./parseDesiredState.js"
import { firstInvalidUtf8Offset, lineAtOffset } from "./readDesiredState/utf8.js"
import { DEFAULT_TABLE_SPEC, type TableSpec } from "./TableSpec.js"

/** A plan document as read: its desired state, its text, and a digest that pins the exact bytes planned from. */
export interface SourceDocument {
  readonly desired: DesiredState
  readonly text: string
  readonly sha256: string
}

const reasonOf = (error: PlatformError): string => {
  if (error._tag === "SystemError") {
    switch (error.reason) {
      case "NotFound":
        return "no such file"
      case "PermissionDenied":
        return "permission denied"
    }
  }
  return error.message
}

const unreadable = (file: string) => (error: PlatformError) => new SourceUnreadable({ file, reason: reasonOf(error) })

// `fatal: true` refuses invalid bytes instead of replacing them with U+FFFD, which would silently change
// a state name or a note; the default BOM handling drops a leading BOM.
const decodeUtf8 = (file: string, bytes: Uint8Array): Either.Either<string, SourceUnreadable> =>
  Either.try({
    try: () => new TextDecoder("utf-8", { fatal: true }).decode(bytes),
    catch: () => {
      const offset = firstInvalidUtf8Offset(bytes)
      return new SourceUnreadable({
        file,
        reason:
          offset === undefined
            ? "the file is not valid UTF-8"
            : `the file is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")} at offset ${offset})`,
        line: offset === undefined ? undefined : lineAtOffset(bytes, offset)
      })
    }
  })

/** Reads a markdown plan from disk and parses its tracking table. */
export const readDesiredState = (
  path: string,
  spec: TableSpec = DEFAULT_TABLE_SPEC,
  vocabulary: Vocabulary = DEFAULT_VOCABULARY
): Effect.Effect<SourceDocument, DesiredStateError, FileSystem.FileSystem> =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const info = yield* fs.stat(path).pipe(Effect.mapError(unreadable(path)))
    if (info.type !== "File") {
      return yield* new SourceUnreadable({
        file: path,
        reason: info.type === "Directory" ? "it is a directory, not a file" : `it is not a regular file (${info.type})`
      })
    }
    const bytes = yield* fs.readFile(path).pipe(Effect.mapError(unreadable(path)))
    const text = yield* decodeUtf8(path, bytes)
    const desired = yield* parseDesiredState(text, path, spec, vocabulary)
    return { desired, text, sha256: createHash("sha256").update(bytes).digest("hex") }
  }).pipe(Effect.withSpan("readDesiredState", { attributes: { path } }))
