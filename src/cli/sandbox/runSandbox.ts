import { randomBytes } from "node:crypto"
import * as FileSystem from "@effect/platform/FileSystem"
import { Console, Effect, Option, Redacted, Schema } from "effect"
import { readDesiredState } from "../../desired/readDesiredState.js"
import type { ForbiddenTransition, FormRateLimit, SandboxConfig, SandboxUserSeed } from "../../sandbox/Sandbox.js"
import { OPENPROJECT_FORM_RATE_LIMIT, SandboxStartError, startSandbox } from "../../sandbox/Sandbox.js"
import { SandboxStateJson, seedFromPlan } from "../../sandbox/seedState.js"
import { type StatusSet, seedsInStatusSet, statusSet } from "../../sandbox/statusSets.js"
import type { SandboxOptions } from "../sandbox.js"

// === Seeding ===

type Seed = Pick<SandboxConfig, "workPackages" | "statuses" | "forbiddenTransitions" | "types">

const seedFromFile = (path: string, driftShare: number, randomSeed: number, statuses: StatusSet) =>
  Effect.gen(function* () {
    if (path.toLowerCase().endsWith(".json")) {
      const fs = yield* FileSystem.FileSystem
      const text = yield* fs.readFileString(path)
      const state = yield* Schema.decodeUnknown(SandboxStateJson)(text).pipe(
        Effect.mapError((e) => new SandboxStartError({ reason: `${path} is not a sandbox state file: ${e.message}` }))
      )
      const seeded: Seed = { ...state, statuses: state.statuses ?? statuses.statuses }
      return seeded
    }
    const document = yield* readDesiredState(path)
    const planned = seedFromPlan(document.desired, { driftShare: driftShare, seed: randomSeed })
    const seeded: Seed = { workPackages: seedsInStatusSet(planned, statuses), statuses: statuses.statuses }
    return seeded
  })

const parseForbid = (text: string) => {
  const [from, to, ...rest] = text.split("->").map((s) => s.trim())
  return from === undefined || to === undefined || from === "" || to === "" || rest.length > 0
    ? Effect.fail(new SandboxStartError({ reason: `--forbid "${text}" is not of the form "From->To"` }))
    : Effect.succeed<ForbiddenTransition>({ from, to })
}

const parseUser = (text: string) => {
  const eq = text.indexOf("=")
  const apiKey = eq < 0 ? "" : text.slice(0, eq).trim()
  const name = eq < 0 ? "" : text.slice(eq + 1).trim()
  return apiKey === "" || name === ""
    ? Effect.fail(new SandboxStartError({ reason: '--user is not of the form "KEY=Name"' }))
    : Effect.succeed<SandboxUserSeed>({ apiKey, name })
}
const RATE_LIMIT = /^\s*(\d+)\s*\/\s*(\d+)\s*$/

/** `--form-rate-limit LIMIT/SECONDS`, else OpenProject's own switch for the rule with its defaults. */
const formRateLimitOf = (o: SandboxOptions) =>
  Effect.gen(function* () {
    if (Option.isSome(o.formRateLimit)) {
      const match = RATE_LIMIT.exec(o.formRateLimit.value)
      if (match?.[1] === undefined || match[2] === undefined) {
        return yield* new SandboxStartError({
          reason: `--form-rate-limit "${o.formRateLimit.value}" is not of the form "LIMIT/SECONDS", e.g. "6/3"`
        })
      }
      const rule: FormRateLimit = { limit: Number(match[1]), periodSeconds: Number(match[2]) }
      return rule
    }
    const enabled = process.env.OPENPROJECT_RATE_LIMITING_API__V3?.trim().toLowerCase() === "true"
    return enabled ? OPENPROJECT_FORM_RATE_LIMIT : undefined
  })

/** The `sandbox` command's work, loaded on first use (see lazy.ts): serves until interrupted. */
export const runSandbox = (o: SandboxOptions) =>
  Effect.scoped(
    Effect.gen(function* () {
      const statuses = statusSet(o.statuses)
      const seeded: Seed = Option.isSome(o.seed)
        ? yield* seedFromFile(o.seed.value, o.drift, o.randomSeed, statuses)
        : { workPackages: [], statuses: statuses.statuses }
      const refusals = yield* Effect.forEach(o.forbid, parseForbid)
      const users = yield* Effect.forEach(o.user, parseUser)
      const formRateLimit = yield* formRateLimitOf(o)
      const key = Option.match(o.apiKey, {
        onNone: () => `sandbox-${randomBytes(16).toString("hex")}`,
        onSome: Redacted.value
      })
      const sandbox = yield* startSandbox({
        ...seeded,
        forbiddenTransitions: [...(seeded.forbiddenTransitions ?? []), ...refusals],
        apiKey: key,
        host: o.host,
        port: o.port,
        latencyMs: o.latency,
        seed: o.randomSeed,
        bearer: o.bearer,
        users,
        activityUserTitles: o.activityUserTitles,
        ...(formRateLimit === undefined ? {} : { formRateLimit })
      })
      // This is the sandbox's own throwaway key: printing it is how a user gets to use the sandbox.
      yield* Console.log(`OpenProject sandbox listening on ${sandbox.url}`)
      yield* Console.log(`API key: ${sandbox.apiKey}`)
      yield* Console.log(`Work packages: ${seeded.workPackages.length}`)
      // Each --user key was typed by the user on this command line; naming whose it is shows it took effect.
      for (const u of users) yield* Console.log(`User: ${u.name} (their own API key)`)
      if (formRateLimit !== undefined) {
        yield* Console.log(
          `Form rate limit: ${formRateLimit.limit} requests per ${formRateLimit.periodSeconds} s (429 with RateLimit-Reset)`
        )
      }
      yield* Console.log(`Try: curl -u apikey:${sandbox.apiKey} '${sandbox.url}/api/v3/work_packages?filters=%5B%5D'`)
      yield* Console.log(`Use it: OPENPROJECT_URL=${sandbox.url} OPENPROJECT_API_KEY=${sandbox.apiKey} op-reconcile …`)
      yield* Console.log("Press Ctrl+C to stop.")
      return yield* Effect.never
    })
  )
