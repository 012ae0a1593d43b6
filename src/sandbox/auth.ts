import { timingSafeEqual } from "node:crypto"
import { Either } from "effect"
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

/** One API key and the user it belongs to (OpenProject: My account → Access tokens, per user). */
export interface Credential<U> {
  readonly apiKey: string
  readonly user: U
}

export interface AuthOptions<U> {
  readonly credentials: ReadonlyArray<Credential<U>>
  readonly bearer: boolean
}

/** The user the request acts as, or the 401 to send. */
export const checkAuth = <U>(
  headers: Readonly<Record<string, string | undefined>>,
  options: AuthOptions<U>
): Either.Either<U, ApiError> => {
  // Every key is compared, so the time taken does not tell which one nearly matched.
  const owner = (given: string): U | undefined =>
    options.credentials.reduce<U | undefined>((found, c) => (sameKey(given, c.apiKey) ? c.user : found), undefined)
  // A client that asks for the Session scheme gets no Basic challenge (so browsers show no pop-up).
  const scheme = headers["x-authentication-scheme"] === "Session" ? "Session" : "Basic"
  const authorization = headers.authorization?.trim()
  if (authorization === undefined || authorization === "") {
    return Either.left(unauthenticated("You need to be authenticated to access this resource.", `${scheme} ${REALM}`))
  }
  const wrong = unauthenticated("You did not provide the correct credentials.", `${scheme} ${REALM}`)
  const [kind = "", ...rest] = authorization.split(/\s+/)
  const credentials = rest.join(" ")
  if (kind.toLowerCase() === "basic") {
    const decoded = Buffer.from(credentials, "base64").toString("utf8")
    const colon = decoded.indexOf(":")
    if (colon < 0) return Either.left(wrong)
    const user = decoded.slice(0, colon) === "apikey" ? owner(decoded.slice(colon + 1)) : undefined
    return user === undefined ? Either.left(wrong) : Either.right(user)
  }
  if (kind.toLowerCase() === "bearer") {
    // Servers without API-token Bearer support take the token for an OAuth token and refuse it.
    const user = options.bearer ? owner(credentials) : undefined
    return user === undefined
      ? Either.left(
          unauthenticated("You did not provide the correct credentials.", `Bearer ${REALM} error="invalid_token"`)
        )
      : Either.right(user)
  }
  return Either.left(wrong)
}
