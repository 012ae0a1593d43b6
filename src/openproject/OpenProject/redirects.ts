import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import { Effect } from "effect"
import { hideUrlCredentials } from "../../safeText/urlCredentials.js"
import { Redirected } from "../errors.js"

/**
 * Redirects are never followed: a plan built from another origin's answers would be wrong, and the key must
 * not travel anywhere but the configured instance. `fetch` follows them unless told otherwise; other HTTP
 * clients (undici's `request`, node:http) never do. Either way a 3xx reaches `redirected` below.
 */
export const withoutRedirects = <A, E, R>(effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.provideService(effect, FetchHttpClient.RequestInit, { redirect: "manual" })

const LOCATION_SHOWN = 300

export const isRedirect = (status: number): boolean => status >= 300 && status <= 399

/** The error for a 3xx answer: where it pointed, resolved against the request, without credentials. */
export const redirected = (
  method: string,
  url: string,
  status: number,
  headers: Readonly<Record<string, string>>
): Redirected => {
  const raw = headers.location
  const resolved = raw === undefined ? undefined : URL.canParse(raw, url) ? new URL(raw, url).href : raw
  const location =
    resolved === undefined
      ? undefined
      : hideUrlCredentials(resolved.length > LOCATION_SHOWN ? `${resolved.slice(0, LOCATION_SHOWN)}…` : resolved)
  return new Redirected({ method, url, status, ...(location === undefined ? {} : { location }) })
}
