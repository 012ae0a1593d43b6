import type { IncomingMessage } from "node:http"
import { pipeline, type Readable, type Transform } from "node:stream"
import * as Zlib from "node:zlib"

/**
 * What the client asks for, as Node's fetch did before this transport: OpenProject compresses with gzip or
 * deflate when asked (and sends identity otherwise); brotli only over https, as fetch offers it there.
 */
export const acceptEncoding = (https: boolean): string => (https ? "br, gzip, deflate" : "gzip, deflate")

/** Answers that carry no body whatever their headers say (RFC 9110), so nothing is decoded. */
const NO_BODY_STATUSES = new Set([101, 204, 205, 304])

// Lenient at the end, as fetch is: a stream that stops at a flush point still yields what it decoded.
const zlibOptions = { flush: Zlib.constants.Z_SYNC_FLUSH, finishFlush: Zlib.constants.Z_SYNC_FLUSH }

const decoderFor = (coding: string): Transform | undefined => {
  switch (coding) {
    case "gzip":
    case "x-gzip":
      return Zlib.createGunzip(zlibOptions)
    case "deflate":
      return Zlib.createInflate(zlibOptions)
    case "br":
      return Zlib.createBrotliDecompress({
        flush: Zlib.constants.BROTLI_OPERATION_FLUSH,
        finishFlush: Zlib.constants.BROTLI_OPERATION_FLUSH
      })
    default:
      return undefined
  }
}

/**
 * The decoders for an answer's Content-Encoding, outermost coding last in the header and first to undo.
 * An unknown coding leaves the body as received (fetch does the same); "identity" needs none.
 */
export const decodersFor = (method: string, response: IncomingMessage): ReadonlyArray<Transform> | undefined => {
  const header = response.headers["content-encoding"]
  if (header === undefined || method === "HEAD" || NO_BODY_STATUSES.has(response.statusCode ?? 0)) return []
  const codings = header
    .split(",")
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== "" && coding !== "identity")
    .reverse()
  const decoders: Array<Transform> = []
  for (const coding of codings) {
    const decoder = decoderFor(coding)
    if (decoder === undefined) {
      for (const made of decoders) made.destroy()
      return undefined
    }
    decoders.push(decoder)
  }
  return decoders
}

/**
 * The body as a stream of decoded bytes: the answer itself when it is not encoded (a connection cut mid-body
 * makes node:http fail it), else through `pipeline`, so that a cut or bytes that do not decode end the last
 * decoder with an error instead of a silent end.
 */
export const decodedBody = (response: IncomingMessage, decoders: ReadonlyArray<Transform> | undefined): Readable => {
  if (decoders === undefined || decoders.length === 0) return response
  // The failure reaches readers through the last stage; the callback only keeps it from being unhandled.
  const ignore = () => {}
  let last: Readable = response
  for (const stage of decoders) last = pipeline(last, stage, ignore)
  return last
}
