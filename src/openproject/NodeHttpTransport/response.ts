import type { IncomingMessage } from "node:http"
import type { Readable } from "node:stream"
import * as Cookies from "@effect/platform/Cookies"
import * as Headers from "@effect/platform/Headers"
import * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as HttpIncomingMessage from "@effect/platform/HttpIncomingMessage"
import * as UrlParams from "@effect/platform/UrlParams"
import * as NodeStream from "@effect/platform-node/NodeStream"
import { Effect, Inspectable, Option, Stream } from "effect"

/** A connection that closed before the body's last byte, without an error of its own. */
const cutOff = () => Object.assign(new Error("the connection closed before the body ended"), { code: "ECONNRESET" })

/**
 * An answer over node:http, as the platform's HttpClientResponse. The body is read at most once, from
 * `body` (the decoded stream); `done` runs once it was read to its end or dropped, so the request's abort
 * signal stops holding the connection.
 */
export class NodeHttpResponse extends Inspectable.Class implements HttpClientResponse.HttpClientResponse {
  readonly [HttpClientResponse.TypeId]: HttpClientResponse.TypeId = HttpClientResponse.TypeId
  readonly [HttpIncomingMessage.TypeId]: HttpIncomingMessage.TypeId = HttpIncomingMessage.TypeId
  private cachedHeaders: Headers.Headers | undefined
  private consumed = false
  /** An error the body stream raised before anyone read it (kept, so it is neither lost nor unhandled). */
  private failure: unknown

  constructor(
    readonly request: HttpClientRequest.HttpClientRequest,
    private readonly source: IncomingMessage,
    private readonly body: Readable,
    done: () => void
  ) {
    super()
    body.on("error", (error) => {
      this.failure ??= error
    })
    body.once("close", done)
  }

  get status(): number {
    return this.source.statusCode ?? 0
  }

  get headers(): Headers.Headers {
    this.cachedHeaders ??= Headers.fromInput(this.source.headers)
    return this.cachedHeaders
  }

  get cookies(): Cookies.Cookies {
    const header = this.source.headers["set-cookie"]
    return header === undefined ? Cookies.empty : Cookies.fromSetCookie(header)
  }

  get remoteAddress(): Option.Option<string> {
    return Option.fromNullable(this.source.socket?.remoteAddress)
  }

  private readonly decodeError = (cause: unknown) =>
    new HttpClientError.ResponseError({ request: this.request, response: this, reason: "Decode", cause })

  private claim(): Effect.Effect<void, HttpClientError.ResponseError> {
    if (this.consumed) {
      return Effect.fail(
        new HttpClientError.ResponseError({
          request: this.request,
          response: this,
          reason: "Decode",
          description: "the body was already read"
        })
      )
    }
    this.consumed = true
    return Effect.void
  }

  /** The whole body in one buffer, read from the socket's own events (no stream machinery per chunk). */
  get arrayBuffer(): Effect.Effect<ArrayBuffer, HttpClientError.ResponseError> {
    return Effect.zipRight(
      this.claim(),
      Effect.async<ArrayBuffer, HttpClientError.ResponseError>((resume) => {
        const { body } = this
        const chunks: Array<Buffer> = []
        let size = 0
        let settled = false
        const settle = (effect: Effect.Effect<ArrayBuffer, HttpClientError.ResponseError>) => {
          if (settled) return
          settled = true
          body.off("data", onData)
          resume(effect)
        }
        const onData = (chunk: Buffer) => {
          chunks.push(chunk)
          size += chunk.byteLength
        }
        if (this.failure !== undefined) {
          settle(Effect.fail(this.decodeError(this.failure)))
          return
        }
        body.on("data", onData)
        body.once("error", (error) => settle(Effect.fail(this.decodeError(error))))
        // "close" follows "end" on every answer: only a close before the end is a cut (and worth an Error).
        body.once("close", () => {
          if (!settled) settle(Effect.fail(this.decodeError(cutOff())))
        })
        body.once("end", () => {
          const whole = new Uint8Array(size)
          let at = 0
          for (const chunk of chunks) {
            whole.set(chunk, at)
            at += chunk.byteLength
          }
          settle(Effect.succeed(whole.buffer))
        })
        // Interrupted (a timeout, Ctrl-C): the connection is dropped, not read to its end.
        return Effect.sync(() => {
          if (!settled) body.destroy()
        })
      })
    )
  }

  get text(): Effect.Effect<string, HttpClientError.ResponseError> {
    return Effect.map(this.arrayBuffer, (bytes) => new TextDecoder().decode(bytes))
  }

  get json(): Effect.Effect<unknown, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => (text === "" ? null : JSON.parse(text)), catch: this.decodeError })
    )
  }

  get urlParamsBody(): Effect.Effect<UrlParams.UrlParams, HttpClientError.ResponseError> {
    return Effect.flatMap(this.text, (text) =>
      Effect.try({ try: () => UrlParams.fromInput(new URLSearchParams(text)), catch: this.decodeError })
    )
  }

  get formData(): Effect.Effect<FormData, HttpClientError.ResponseError> {
    return Effect.flatMap(this.arrayBuffer, (bytes) =>
      Effect.tryPromise({
        try: () => new Response(bytes, { headers: new globalThis.Headers(this.headers) }).formData(),
        catch: this.decodeError
      })
    )
  }

  /** The body chunk by chunk, with backpressure: a reader that stops early drops the connection. */
  get stream(): Stream.Stream<Uint8Array, HttpClientError.ResponseError> {
    return Stream.unwrap(
      Effect.map(this.claim(), () =>
        this.failure === undefined
          ? NodeStream.fromReadable<HttpClientError.ResponseError>(() => this.body, this.decodeError)
          : Stream.fail(this.decodeError(this.failure))
      )
    )
  }

  toJSON(): unknown {
    return HttpIncomingMessage.inspect(this, {
      _id: "@effect/platform/HttpClientResponse",
      request: this.request.toJSON(),
      status: this.status
    })
  }
}
