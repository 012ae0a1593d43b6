import { createServer } from "node:http"
import * as NodeHttpServer from "@effect/platform-node/NodeHttpServer"
import { Effect, Either, Ref, type Scope } from "effect"
import { addRule, armRule, emptyBook } from "./faults.js"
import { wallClockMillis } from "./realTime.js"
import { countMatching, makeRequestLog } from "./requestLog.js"
import type {
  FaultRule,
  NotifyRecord,
  RequestLogEntry,
  SandboxConfig,
  SandboxWorkPackageView
} from "./SandboxConfig.js"
import { SandboxStartError } from "./SandboxStartError.js"
import { makeSandboxApp } from "./sandboxApp.js"
import { initialState } from "./state.js"
import { makeWorld } from "./world.js"

export type {
  ConcurrentEdit,
  FaultRule,
  ForbiddenTransition,
  FormRateLimit,
  NotifyRecord,
  RequestLogEntry,
  SandboxConfig,
  SandboxFault,
  SandboxStatusSeed,
  SandboxTypeSeed,
  SandboxUserSeed,
  SandboxWorkPackageSeed,
  SandboxWorkPackageView
} from "./SandboxConfig.js"
export { OPENPROJECT_FORM_RATE_LIMIT } from "./SandboxConfig.js"
export { SandboxStartError } from "./SandboxStartError.js"

/** A sandbox that is listening; it stops when the scope it was started in closes. */
export interface RunningSandbox {
  /** The instance root, e.g. "http://127.0.0.1:41234"; the API is at url + "/api/v3". */
  readonly url: string
  readonly apiKey: string
  readonly requestLog: Effect.Effect<ReadonlyArray<RequestLogEntry>>
  readonly countRequests: (filter?: { readonly method?: string; readonly pathPrefix?: string }) => Effect.Effect<number>
  readonly workPackage: (id: number) => Effect.Effect<SandboxWorkPackageView | undefined>
  /** Arms one more fault rule; a `path` that is not a valid RegExp is a defect. */
  readonly addFault: (rule: FaultRule) => Effect.Effect<void>
  readonly clearRequestLog: Effect.Effect<void>
  /** The `notify` flag of every successful write, in order. */
  readonly notifications: Effect.Effect<ReadonlyArray<NotifyRecord>>
}

/**
 * Start an OpenProject-compatible API v3 server in memory, on `host:port` (default 127.0.0.1, any port).
 * It answers with OpenProject's bodies and errors (see ../openproject-api/README.md), and can be told to
 * be slow, to fail, to cut connections and to have other users edit work packages.
 */
export const startSandbox = (config: SandboxConfig): Effect.Effect<RunningSandbox, SandboxStartError, Scope.Scope> =>
  Effect.gen(function* () {
    const world = yield* makeWorld(config)
    const rule = config.formRateLimit
    if (
      rule !== undefined &&
      !(
        Number.isInteger(rule.limit) &&
        rule.limit >= 1 &&
        Number.isInteger(rule.periodSeconds) &&
        rule.periodSeconds >= 1
      )
    ) {
      return yield* new SandboxStartError({
        reason: `the form's rate limit must be a whole number of requests (1 or more) per whole seconds (1 or more), not ${rule.limit}/${rule.periodSeconds}`
      })
    }
    const rules = yield* Either.all((config.faults ?? []).map(armRule)).pipe(
      Either.mapLeft((reason) => new SandboxStartError({ reason }))
    )
    const now = yield* wallClockMillis
    const state = yield* Ref.make(initialState(config, world, now))
    const faults = yield* Ref.make(rules.reduce(addRule, emptyBook(config.seed ?? 1)))
    const log = yield* makeRequestLog
    const env = { world, state }
    const app = yield* makeSandboxApp({
      env,
      bearer: config.bearer ?? false,
      latencyMs: config.latencyMs ?? 0,
      faults,
      log,
      startedAt: new Date(now).toISOString(),
      formRateLimit: config.formRateLimit
    })

    const host = config.host ?? "127.0.0.1"
    const port = config.port ?? 0
    const server = yield* NodeHttpServer.make(() => createServer(), { host, port }).pipe(
      Effect.mapError((e) => new SandboxStartError({ reason: `cannot listen on ${host}:${port} (${String(e.cause)})` }))
    )
    yield* server.serve(app)
    const boundPort = server.address._tag === "TcpAddress" ? server.address.port : port
    const urlHost = host.includes(":") ? `[${host}]` : host

    return {
      url: `http://${urlHost}:${boundPort}`,
      apiKey: config.apiKey,
      requestLog: log.entries,
      countRequests: (filter) => Effect.map(log.entries, (entries) => countMatching(entries, filter)),
      workPackage: (id) =>
        Effect.map(Ref.get(state), (s) => {
          const wp = s.workPackages.get(id)
          const status = wp === undefined ? undefined : world.statusById(wp.statusId)
          if (wp === undefined || status === undefined) return undefined
          return {
            id: wp.id,
            subject: wp.subject,
            status: status.name,
            statusId: status.id,
            lockVersion: wp.lockVersion,
            comments: wp.journals.filter((j) => j.comment !== "").map((j) => j.comment)
          }
        }),
      addFault: (rule) =>
        Either.match(armRule(rule), {
          onLeft: (reason) => Effect.die(new SandboxStartError({ reason })),
          onRight: (armed) => Ref.update(faults, (book) => addRule(book, armed))
        }),
      clearRequestLog: log.clear,
      notifications: Effect.map(Ref.get(state), (s) => s.notifications)
    } satisfies RunningSandbox
  })
