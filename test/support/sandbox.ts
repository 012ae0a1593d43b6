import { Effect } from "effect"
import type { RunningSandbox } from "../../src/sandbox/Sandbox.js"

export * from "../../src/sandbox/Sandbox.js"

/** What a test needs of an HTTP answer: status, headers and the body (parsed when it is JSON). */
export interface Answer {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: unknown
}

export const basicAuth = (key: string) => `Basic ${Buffer.from(`apikey:${key}`).toString("base64")}`

/**
 * One request to the sandbox over a real socket with node's fetch, authenticated with the sandbox's key
 * unless the test sets its own Authorization header (or `auth: false`). Transport failures fail the effect.
 */
export const call = (
  sandbox: RunningSandbox,
  path: string,
  init: {
    readonly method?: string
    readonly headers?: Record<string, string>
    readonly body?: unknown
    readonly auth?: boolean
  } = {}
): Effect.Effect<Answer, Error> =>
  Effect.tryPromise({
    try: async () => {
      const headers: Record<string, string> = {}
      if (init.auth !== false) headers.authorization = basicAuth(sandbox.apiKey)
      if (init.body !== undefined) headers["content-type"] = "application/json"
      Object.assign(headers, init.headers ?? {})
      const body =
        init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body)
      const response = await fetch(`${sandbox.url}${path}`, {
        method: init.method ?? "GET",
        headers,
        ...(body === undefined ? {} : { body })
      })
      const text = await response.text()
      let json: unknown
      try {
        json = JSON.parse(text)
      } catch {
        json = undefined
      }
      return { status: response.status, headers: response.headers, text, json }
    },
    catch: (e) => (e instanceof Error ? e : new Error(String(e)))
  })

/** `call` for a request the test expects to fail at the transport level (reset, lost answer). */
export const callExpectingCut = (sandbox: RunningSandbox, path: string, init: Parameters<typeof call>[2] = {}) =>
  Effect.flip(call(sandbox, path, init))

/** Read a nested value of a decoded JSON body by keys, e.g. `at(body, "_embedded", "status", "name")`. */
export const at = (value: unknown, ...keys: ReadonlyArray<string | number>): unknown => {
  let current = value
  for (const key of keys) {
    if (current === null || typeof current !== "object") return undefined
    current = Reflect.get(current, key)
  }
  return current
}

export const patchStatus = (
  sandbox: RunningSandbox,
  id: number,
  lockVersion: number | undefined,
  statusId: number,
  query = ""
) =>
  call(sandbox, `/api/v3/work_packages/${id}${query}`, {
    method: "PATCH",
    body: {
      ...(lockVersion === undefined ? {} : { lockVersion }),
      _links: { status: { href: `/api/v3/statuses/${statusId}` } }
    }
  })
