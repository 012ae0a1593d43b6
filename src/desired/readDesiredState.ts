import { createHash } from "node:crypto"
import type { PlatformError } from "@effect/platform/Error"
import * as FileSystem from "@effect/platform/FileSystem"
import { Effect, Either } from "effect"
import type { DesiredState } from "../domain/desired.js"
import { type DesiredStateError, DocumentRefused, SourceUnreadable } from "../domain/errors.js"
import { DEFAULT_VOCABULARY, type Vocabulary } from "../domain/vocabulary.js"
import { DesiredStateParser } from "./DesiredStateParser.js"
import { firstInvalidUtf8Offset, lineAtOffset } from "./readDesiredState/utf8.js"
import { READER_LIMITS } from "./readerLimits.js"
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
const decodeUtf8 = (file: string, bytes: Uint8Array): Either.Either<string, SourceUnreadable> => {
  // NUL is valid UTF-8 but never text: say what the file is rather than calling it an encoding problem.
  const nul = bytes.indexOf(0)
  if (nul >= 0) {
    return Either.left(
      new SourceUnreadable({
        file,
        reason: `the file holds NUL bytes (the first at offset ${nul}), so it is binary data, not a markdown plan`,
        line: lineAtOffset(bytes, nul)
      })
    )
  }
  return Either.try({
    try: () => new TextDecoder("utf-8", { fatal: true }).decode(bytes),
    catch: () => {
      const offset = firstInvalidUtf8Offset(bytes)
      return new SourceUnreadable({
        file,
        reason:
          offset === undefined
            ? `the file is too large to read as text (${bytes.length.toLocaleString("en-US")} bytes)`
            : `the file is not valid UTF-8 (byte 0x${(bytes[offset] ?? 0).toString(16).padStart(2, "0")} at offset ${offset})`,
        line: offset === undefined ? undefined : lineAtOffset(bytes, offset)
      })
    }
  })
}

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`

/** Reads a markdown plan from disk and parses its tracking table (once: the digest and text come along). */
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
    // Refused before it is read: the parser would hold about 0.3 GB per MB of markdown.
    if (Number(info.size) > READER_LIMITS.maxBytes) {
      return yield* new DocumentRefused({
        file: path,
        limit: "size",
        found: `the file is ${megabytes(Number(info.size))}`,
        bound: megabytes(READER_LIMITS.maxBytes)
      })
    }
    const bytes = yield* fs.readFile(path).pipe(Effect.mapError(unreadable(path)))
    const text = yield* decodeUtf8(path, bytes)
    yield* Effect.logDebug("reading the plan document").pipe(
      Effect.annotateLogs({ path, bytes: bytes.length, table: spec.columns.join(",") })
    )
    const parser = yield* DesiredStateParser
    const desired = yield* parser.parse(text, path, spec, vocabulary)
    return { desired, text, sha256: createHash("sha256").update(bytes).digest("hex") }
  }).pipe(Effect.withSpan("readDesiredState", { attributes: { path } }))
