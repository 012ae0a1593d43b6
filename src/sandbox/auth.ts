import { timingSafeEqual } from "node:crypto"
import { ApiError } from "./apiError.js"

/**
 * Authentication, the first check on every request (README §1): Basic `apikey:<key>`, and Bearer `<key>`
 * when enabled. No credentials and wrong credentials get different 401 messages.
 */

const REALM = 'realm="OpenProject API"'

const sameKey = (given: string, expected: string): boolean => {
  const a = Buffer.from(given)
  const b = Buffer.from(expected)
  return a.length === b.length && timingSafeEqual(a, b)
}

const unauthenticated = (message: string, challenge: string) =>
  new ApiError({
    status: 401,
    identifier: "Unauthenticated",
    message,
    headers: { "www-authenticate": challenge }
  })

export interface AuthOptions {
  readonly apiKey: string
  readonly bearer: boolean
}

/** `undefined` when the request may proceed, otherwise the 401 to send. */
export const checkAuth = (
  headers: Readonly<Record<string, string | undefined>>,
  options: AuthOptions
): ApiError | undefined => {
  // A client that asks for the Session scheme gets no Basic challenge (so browsers show no pop-up).
  const scheme = headers["x-authentication-scheme"] === "Session" ? "Session" : "Basic"
  const authorization = headers.authorization?.trim()
  if (authorization === undefined || authorization === "") {
    return unauthenticated("You need to be authenticated to access this resource.", `${scheme} ${REALM}`)
  }
  const wrong = unauthenticated("You did not provide the correct credentials.", `${scheme} ${REALM}`)
  const [kind = "", ...rest] = authorization.split(/\s+/)
  const credentials = rest.join(" ")
  if (kind.toLowerCase() === "basic") {
    const decoded = Buffer.from(credentials, "base64").toString("utf8")
    const colon = decoded.indexOf(":")
    if (colon < 0) return wrong
    const user = decoded.slice(0, colon)
    return user === "apikey" && sameKey(decoded.slice(colon + 1), options.apiKey) ? undefined : wrong
  }
  if (kind.toLowerCase() === "bearer") {
    // Servers without API-token Bearer support take the token for an OAuth token and refuse it.
    return options.bearer && sameKey(credentials, options.apiKey)
      ? undefined
      : unauthenticated("You did not provide the correct credentials.", `Bearer ${REALM} error="invalid_token"`)
  }
  return wrong
}
