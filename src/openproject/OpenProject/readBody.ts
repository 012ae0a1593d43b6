import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { Effect, Either, Stream } from "effect"

/**
 * The most a single answer may hold. A page of 1,000 work packages, OpenProject's largest, is a few MB of
 * HAL; 64 MiB leaves room for any real instance and stops a server that streams without end.
 */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024

/** The body was over the limit: announced so (Content-Length), or found so while reading. */
export interface BodyTooLarge {
  readonly _tag: "BodyTooLarge"
  readonly declaredBytes: number | undefined
}

const declaredLength = (headers: Readonly<Record<string, string>>): number | undefined => {
  const value = headers["content-length"]
  if (value === undefined || !/^\d+$/.test(value.trim())) return undefined
  return Number(value)
}

const isIdentityEncoded = (headers: Readonly<Record<string, string>>): boolean => {
  const encoding = headers["content-encoding"]?.trim().toLowerCase()
  return encoding === undefined || encoding === "" || encoding === "identity"
}

/**
 * The body as text, read as a stream that is dropped (and the connection with it) as soon as it passes
 * `maxBytes`, so a huge answer costs at most `maxBytes` of download and memory. An answer that announces more
 * than the limit is not read at all; one that announces its length within the limit is read in one piece.
 */
export const readBodyCapped = (
  response: HttpClientResponse.HttpClientResponse,
  maxBytes: number
): Effect.Effect<Either.Either<string, BodyTooLarge>, HttpClientError.ResponseError> =>
  Effect.gen(function* () {
    const declared = declaredLength(response.headers)
    if (declared !== undefined && declared > maxBytes) {
      return Either.left<BodyTooLarge>({ _tag: "BodyTooLarge", declaredBytes: declared })
    }
    // A declared length bounds what the HTTP client reads (it stops at it), unless the body is encoded
    // (gzip): then the declared length is the compressed one, and only the stream below bounds it.
    if (declared !== undefined && isIdentityEncoded(response.headers)) {
      const whole = yield* response.arrayBuffer
      return whole.byteLength > maxBytes
        ? Either.left<BodyTooLarge>({ _tag: "BodyTooLarge", declaredBytes: undefined })
        : Either.right(new TextDecoder().decode(whole))
    }
    const chunks: Array<Uint8Array> = []
    let size = 0
    yield* response.stream.pipe(
      Stream.runForEachWhile((chunk) =>
        Effect.sync(() => {
          size += chunk.byteLength
          if (size > maxBytes) return false
          chunks.push(chunk)
          return true
        })
      )
    )
    if (size > maxBytes) return Either.left<BodyTooLarge>({ _tag: "BodyTooLarge", declaredBytes: undefined })
    const bytes = new Uint8Array(size)
    let at = 0
    for (const chunk of chunks) {
      bytes.set(chunk, at)
      at += chunk.byteLength
    }
    return Either.right(new TextDecoder().decode(bytes))
  })
