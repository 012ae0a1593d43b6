import type * as HttpClientError from "@effect/platform/HttpClientError"
import { Predicate } from "effect"
import { TransportError } from "../errors.js"

/** Failures that happen before a single byte of the request can have reached the server. */
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
  "ERR_INVALID_URL"
])

/**
 * The TLS handshake refused the server's certificate: nothing of the request was sent. Node checks it
 * against its own CA list plus the file NODE_EXTRA_CA_CERTS names, so that is the fix for a private CA.
 */
const CERTIFICATE_CODES = new Set([
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "UNABLE_TO_GET_ISSUER_CERT",
  "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "CERT_HAS_EXPIRED",
  "CERT_NOT_YET_VALID",
  "CERT_UNTRUSTED",
  "CERT_REVOKED",
  "ERR_TLS_CERT_ALTNAME_INVALID"
])

/** The `code` of an error or of the first error in its `cause` chain that has one (undici nests them). */
const errorCode = (error: unknown, depth = 0): string | undefined => {
  if (depth > 5 || !Predicate.isObject(error)) return undefined
  if (Predicate.hasProperty(error, "code") && Predicate.isString(error.code)) return error.code
  return Predicate.hasProperty(error, "cause") ? errorCode(error.cause, depth + 1) : undefined
}

/**
 * A request that got no answer. The reason names the error code only: the platform's own messages
 * may quote the request, and nothing of the request but method and URL belongs in an error.
 */
export const transportFailure = (
  method: string,
  url: string,
  error: HttpClientError.HttpClientError
): TransportError => {
  if (error._tag === "RequestError" && error.reason !== "Transport") {
    return new TransportError({
      method,
      url,
      requestSent: false,
      reason: `the request could not be built (${error.reason})`
    })
  }
  const code = errorCode(error.cause)
  if (error._tag === "RequestError" && code !== undefined && CERTIFICATE_CODES.has(code)) {
    return new TransportError({
      method,
      url,
      requestSent: false,
      permanent: true,
      reason:
        `the server's TLS certificate was not accepted (${code}); if it is signed by your organisation's own CA, ` +
        "set NODE_EXTRA_CA_CERTS to that CA's PEM file"
    })
  }
  const requestSent = error._tag === "ResponseError" || code === undefined || !NOT_SENT_CODES.has(code)
  const reason =
    error._tag === "ResponseError"
      ? `the answer was cut off while reading its body${code === undefined ? "" : ` (${code})`}`
      : `connection failed${code === undefined ? "" : ` (${code})`}`
  return new TransportError({ method, url, requestSent, reason })
}

export const timedOut = (method: string, url: string, seconds: number): TransportError =>
  new TransportError({ method, url, requestSent: true, reason: `no answer within ${seconds} s` })
