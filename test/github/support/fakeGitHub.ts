import * as Http from "node:http"
import { Effect, type Scope } from "effect"

/**
 * A small stand-in for GitHub's issue-comment REST endpoints on a real loopback socket:
 * list (paginated with Link headers), create and update comments, bearer auth, GitHub's 65,536-character
 * limit, and injectable faults (403, 429 with Retry-After, ...). Every request is recorded.
 * Each comment has an author; the token writes as `viewer` (`github-actions[bot]` by default, as the
 * workflow's GITHUB_TOKEN does), which GraphQL's `query { viewer { login } }` answers, at `/graphql` on
 * github.com and `/api/graphql` on GitHub Enterprise Server. REST's `GET /user` answers 403, as it does for
 * an installation token.
 */

export interface RecordedRequest {
  readonly method: string
  readonly path: string
  readonly query: string
  readonly headers: Http.IncomingHttpHeaders
  readonly body: unknown
}

export interface FakeComment {
  readonly id: number
  readonly issue: number
  readonly body: string
  /** The login of the author. */
  readonly user: string
}

export interface FakeFault {
  readonly method?: string
  /** Matched against the path (without the API prefix). */
  readonly path?: RegExp
  /** How many matching requests get the fault; default 1. */
  readonly times?: number
  readonly status: number
  readonly headers?: Readonly<Record<string, string>>
  readonly message?: string
}

export interface FakeGitHubOptions {
  /** owner/name of the only repository that exists. */
  readonly repository?: string
  readonly token?: string
  /** Server-side page size cap, to exercise pagination with few comments. */
  readonly maxPerPage?: number
  /** Path prefix of the REST API: "" like api.github.com, "/api/v3" like GitHub Enterprise Server. */
  readonly prefix?: string
  /** Existing comments; written by `viewer` unless `user` says otherwise. */
  readonly comments?: ReadonlyArray<{ readonly issue: number; readonly body: string; readonly user?: string }>
  /** Who the token writes as (default `github-actions[bot]`). */
  readonly viewer?: string
}

export interface FakeGitHub {
  /** REST API root to use as GITHUB_API_URL. */
  readonly apiUrl: string
  readonly requests: () => ReadonlyArray<RecordedRequest>
  readonly writes: () => ReadonlyArray<RecordedRequest>
  readonly comments: (issue: number) => ReadonlyArray<FakeComment>
  readonly addFault: (fault: FakeFault) => void
}

interface ActiveFault extends FakeFault {
  remaining: number
}

const readBody = (req: Http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Array<Buffer> = []
    req.on("data", (chunk: Buffer) => chunks.push(chunk))
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")))
    req.on("error", reject)
  })

const parseJson = (text: string): unknown => {
  if (text === "") return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

const bodyField = (body: unknown): string | undefined =>
  typeof body === "object" && body !== null && "body" in body && typeof body.body === "string" ? body.body : undefined

export const startFakeGitHub = (options: FakeGitHubOptions = {}): Effect.Effect<FakeGitHub, never, Scope.Scope> =>
  Effect.gen(function* () {
    const repository = options.repository ?? "octo/plans"
    const token = options.token ?? "test-token"
    const prefix = options.prefix ?? ""
    const maxPerPage = options.maxPerPage ?? 100
    const recorded: Array<RecordedRequest> = []
    const faults: Array<ActiveFault> = []
    let nextId = 1000
    const viewer = options.viewer ?? "github-actions[bot]"
    const comments: Array<FakeComment> = (options.comments ?? []).map((c) => ({
      ...c,
      user: c.user ?? viewer,
      id: nextId++
    }))
    let origin = ""

    const commentJson = (c: FakeComment) => ({
      id: c.id,
      body: c.body,
      html_url: `https://github.example/${repository}/pull/${c.issue}#issuecomment-${c.id}`,
      user: { login: c.user, type: c.user.endsWith("[bot]") ? "Bot" : "User" }
    })

    const handle = async (req: Http.IncomingMessage, res: Http.ServerResponse) => {
      const url = new URL(req.url ?? "/", origin)
      const body = parseJson(await readBody(req))
      const method = req.method ?? "GET"
      const graphqlPath = prefix === "" ? "/graphql" : `${prefix.replace(/\/v3$/, "")}/graphql`
      const path =
        url.pathname === graphqlPath
          ? "/graphql"
          : url.pathname.startsWith(prefix)
            ? url.pathname.slice(prefix.length)
            : url.pathname
      recorded.push({ method, path, query: url.search, headers: req.headers, body })
      const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { "content-type": "application/json; charset=utf-8", ...headers })
        res.end(JSON.stringify(json))
      }

      const fault = faults.find(
        (f) => f.remaining > 0 && (f.method === undefined || f.method === method) && (f.path?.test(path) ?? true)
      )
      if (fault !== undefined) {
        fault.remaining -= 1
        return send(fault.status, { message: fault.message ?? `HTTP ${fault.status}` }, { ...fault.headers })
      }
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { message: "Bad credentials" })

      if (path === "/graphql" && method === "POST") {
        const query = typeof body === "object" && body !== null && "query" in body ? String(body.query) : ""
        return /viewer\s*\{\s*login\s*\}/.test(query)
          ? send(200, { data: { viewer: { login: viewer } } })
          : send(200, { errors: [{ message: "the fake answers only `viewer { login }`" }] })
      }
      if (path === "/user" && method === "GET") {
        return send(403, { message: "Resource not accessible by integration" })
      }
      const list = new RegExp(`^/repos/${repository}/issues/(\\d+)/comments$`).exec(path)
      const single = new RegExp(`^/repos/${repository}/issues/comments/(\\d+)$`).exec(path)
      if (list !== null && method === "GET") {
        const issue = Number(list[1])
        const perPage = Math.min(Number(url.searchParams.get("per_page") ?? "30"), maxPerPage)
        const page = Number(url.searchParams.get("page") ?? "1")
        const all = comments.filter((c) => c.issue === issue)
        const slice = all.slice((page - 1) * perPage, page * perPage)
        const last = Math.max(1, Math.ceil(all.length / perPage))
        const link = (p: number) => `<${origin}${prefix}${path}?per_page=${perPage}&page=${p}>`
        const links = page < last ? { link: `${link(page + 1)}; rel="next", ${link(last)}; rel="last"` } : undefined
        return send(200, slice.map(commentJson), links)
      }
      if (list !== null && method === "POST") {
        const text = bodyField(body)
        if (text === undefined) return send(422, { message: "Invalid request. body wasn't supplied." })
        if (text.length >= 65_536) return send(422, { message: "Body is too long (maximum is 65536 characters)" })
        const comment = { id: nextId++, issue: Number(list[1]), body: text, user: viewer }
        comments.push(comment)
        return send(201, commentJson(comment))
      }
      if (single !== null && method === "PATCH") {
        const index = comments.findIndex((c) => c.id === Number(single[1]))
        const existing = comments[index]
        const text = bodyField(body)
        if (existing === undefined) return send(404, { message: "Not Found" })
        if (text === undefined) return send(422, { message: "Invalid request. body wasn't supplied." })
        if (text.length >= 65_536) return send(422, { message: "Body is too long (maximum is 65536 characters)" })
        const updated = { ...existing, body: text }
        comments[index] = updated
        return send(200, commentJson(updated))
      }
      return send(404, { message: "Not Found" })
    }

    const server = Http.createServer((req, res) => {
      handle(req, res).catch(() => res.destroy())
    })
    yield* Effect.acquireRelease(
      Effect.async<void>((resume) => {
        server.listen(0, "127.0.0.1", () => resume(Effect.void))
      }),
      () =>
        Effect.async<void>((resume) => {
          server.closeAllConnections()
          server.close(() => resume(Effect.void))
        })
    )
    const address = server.address()
    if (address === null || typeof address === "string") return yield* Effect.dieMessage("fake GitHub: no TCP address")
    origin = `http://127.0.0.1:${address.port}`

    return {
      apiUrl: `${origin}${prefix}`,
      requests: () => [...recorded],
      // a GraphQL query is a read, though it is a POST
      writes: () => recorded.filter((r) => r.method !== "GET" && r.path !== "/graphql"),
      comments: (issue) => comments.filter((c) => c.issue === issue),
      addFault: (fault) => {
        faults.push({ ...fault, remaining: fault.times ?? 1 })
      }
    }
  })
