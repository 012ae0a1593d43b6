import { Config, Context, Duration, Effect, Either, Layer, Option, Redacted } from "effect"
import { hideUrlCredentials } from "../safeText/urlCredentials.js"
import { InvalidConfig, TOKEN_HELP } from "./errors.js"

export type OpenProjectAuth = "basic" | "bearer"

/** A validated client configuration. */
export interface OpenProjectSettings {
  /** The instance root without a trailing slash, e.g. "https://op.example.com" (the client adds /api/v3). */
  readonly baseUrl: string
  readonly apiKey: Redacted.Redacted<string>
  /** "basic" sends `apikey:<key>` (every OpenProject release); "bearer" needs a 2026+ release. */
  readonly auth: OpenProjectAuth
  /** The polite limiter's steady rate (see src/limiter/): the most it sends per second beyond the burst. */
  readonly requestsPerSecond: number
  /** How many requests may go without pacing, from a full bucket (a normal run fits in one burst). */
  readonly burst: number
  readonly concurrency: number
  readonly timeout: Duration.Duration
  readonly maxRetries: number
  readonly retryBase: Duration.Duration
  /** The largest answer read, in bytes (default MAX_RESPONSE_BYTES, 64 MiB); a larger one is refused. */
  readonly maxResponseBytes?: number | undefined
}

/** What a caller may set; everything but the URL and the key has a polite default. */
export interface OpenProjectConfigOptions {
  readonly url: string
  readonly apiKey: Redacted.Redacted<string>
  readonly auth?: OpenProjectAuth | undefined
  readonly requestsPerSecond?: number | undefined
  readonly burst?: number | undefined
  readonly concurrency?: number | undefined
  readonly timeout?: Duration.DurationInput | undefined
  readonly maxRetries?: number | undefined
  readonly retryBase?: Duration.DurationInput | undefined
  readonly maxResponseBytes?: number | undefined
}

export type OpenProjectTuning = Omit<OpenProjectConfigOptions, "url" | "apiKey">

export const DEFAULTS = {
  auth: "basic",
  requestsPerSecond: 10,
  /**
   * The guard's default of 25 changes in one burst: for each change the read of its cause (activities),
   * its workflow check, its PATCH and its audit comment (100), the reads (statuses, collection pages, the
   * key's user and up to 25 people named as causes) and a few retries. The concurrency bound still limits
   * what the server sees at once; beyond the burst, requestsPerSecond holds.
   */
  burst: 150,
  /**
   * What one browser tab may have open to a host (HTTP/1.1 browsers use 6 connections per origin): no more
   * than a person clicking through OpenProject asks of it at once. At 4, an apply of 25 changes spent more
   * time waiting for a free slot than its requests took on the server.
   */
  concurrency: 6,
  timeout: Duration.seconds(30),
  maxRetries: 4,
  retryBase: Duration.millis(500)
} as const

const URL_FIX = "Set OPENPROJECT_URL to the root of the OpenProject instance, e.g. https://openproject.example.com."

const invalid = (setting: string, problem: string, fix: string) => new InvalidConfig({ setting, problem, fix })

const isLoopback = (hostname: string): boolean =>
  hostname === "localhost" || hostname === "[::1]" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname)

/** The instance root as the client uses it: no credentials, query or trailing slash, https unless loopback. */
export const normalizeBaseUrl = (raw: string): Either.Either<string, InvalidConfig> => {
  const trimmed = raw.trim()
  if (trimmed === "") return Either.left(invalid("OPENPROJECT_URL", "is empty.", URL_FIX))
  if (!URL.canParse(trimmed)) {
    // Shown without a user name or password it may carry: an unparseable URL can still hold a secret.
    return Either.left(invalid("OPENPROJECT_URL", `"${hideUrlCredentials(trimmed)}" is not a URL.`, URL_FIX))
  }
  const url = new URL(trimmed)
  // The URL is echoed in every error message, so it must not carry a secret of its own.
  if (url.username !== "" || url.password !== "") {
    return Either.left(
      invalid(
        "OPENPROJECT_URL",
        "contains a user name or password.",
        "Remove them; the token goes in OPENPROJECT_API_KEY."
      )
    )
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return Either.left(invalid("OPENPROJECT_URL", `uses ${url.protocol} instead of https:.`, URL_FIX))
  }
  if (url.protocol === "http:" && !isLoopback(url.hostname)) {
    return Either.left(
      invalid(
        "OPENPROJECT_URL",
        `uses plain http for ${url.hostname}, which would send the API token unencrypted.`,
        "Use https:// (plain http is accepted only for localhost, 127.x.x.x and [::1])."
      )
    )
  }
  if (url.search !== "" || url.hash !== "") {
    return Either.left(invalid("OPENPROJECT_URL", "has a query or fragment.", URL_FIX))
  }
  // Users often paste the API root; the client adds /api/v3 itself.
  const path = url.pathname.replace(/\/+$/, "").replace(/\/api\/v3$/, "")
  return Either.right(`${url.origin}${path}`)
}

const positive = (setting: string, value: number, integer: boolean): Either.Either<number, InvalidConfig> =>
  Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value))
    ? Either.right(value)
    : Either.left(
        invalid(setting, `must be a positive ${integer ? "integer" : "number"}, got ${value}.`, "Use a value above 0.")
      )

const duration = (setting: string, input: Duration.DurationInput): Either.Either<Duration.Duration, InvalidConfig> =>
  Option.match(Duration.decodeUnknown(input), {
    onNone: () => Either.left(invalid(setting, "is not a duration.", 'Use e.g. "30 seconds".')),
    onSome: (d) =>
      Duration.greaterThan(d, Duration.zero)
        ? Either.right(d)
        : Either.left(invalid(setting, "must be positive.", 'Use e.g. "30 seconds".'))
  })

/** Validates options and fills in the defaults. */
export const makeSettings = (opts: OpenProjectConfigOptions): Either.Either<OpenProjectSettings, InvalidConfig> =>
  Either.gen(function* () {
    const baseUrl = yield* normalizeBaseUrl(opts.url)
    const apiKey = yield* checkedKey(opts.apiKey)
    const maxRetries = opts.maxRetries ?? DEFAULTS.maxRetries
    if (!Number.isInteger(maxRetries) || maxRetries < 0) {
      return yield* Either.left(
        invalid("maxRetries", `must be a whole number ≥ 0, got ${maxRetries}.`, "Use 0 to disable retries.")
      )
    }
    return {
      baseUrl,
      apiKey,
      auth: opts.auth ?? DEFAULTS.auth,
      requestsPerSecond: yield* positive(
        "requestsPerSecond",
        opts.requestsPerSecond ?? DEFAULTS.requestsPerSecond,
        false
      ),
      burst: yield* positive("burst", opts.burst ?? DEFAULTS.burst, true),
      concurrency: yield* positive("concurrency", opts.concurrency ?? DEFAULTS.concurrency, true),
      timeout: yield* duration("timeout", opts.timeout ?? DEFAULTS.timeout),
      maxRetries,
      retryBase: yield* duration("retryBase", opts.retryBase ?? DEFAULTS.retryBase),
      ...(opts.maxResponseBytes === undefined
        ? {}
        : { maxResponseBytes: yield* positive("maxResponseBytes", opts.maxResponseBytes, true) })
    }
  })

/**
 * The key as OpenProject issued it. A line break or spaces around it are a copy-paste slip (`echo` into a
 * secret, a pasted line): they are trimmed, or OpenProject would answer 401 and the key would look revoked.
 * Whitespace inside it cannot be part of a token, so it is named rather than sent.
 */
const checkedKey = (key: Redacted.Redacted<string>): Either.Either<Redacted.Redacted<string>, InvalidConfig> => {
  const raw = Redacted.value(key)
  const trimmed = raw.trim()
  if (trimmed === "") return Either.left(missingKey("is empty."))
  if (/\s/.test(trimmed)) {
    return Either.left(
      invalid(
        "OPENPROJECT_API_KEY",
        "contains a space or a line break inside it, which no OpenProject API token has (it was probably pasted together with other text).",
        "Copy the token again from OpenProject → My account → Access tokens and set it alone."
      )
    )
  }
  return Either.right(trimmed === raw ? key : Redacted.make(trimmed))
}

const missingKey = (problem: string) =>
  invalid("OPENPROJECT_API_KEY", problem, `The client needs an OpenProject API token. ${TOKEN_HELP}`)

const envUrl = Config.string("OPENPROJECT_URL").pipe(
  Effect.mapError(() => invalid("OPENPROJECT_URL", "is not set.", URL_FIX))
)

const envKey = Config.redacted("OPENPROJECT_API_KEY").pipe(Effect.mapError(() => missingKey("is not set.")))

/** The OpenProject client's configuration. */
export class OpenProjectConfig extends Context.Tag("op-reconcile/OpenProjectConfig")<
  OpenProjectConfig,
  OpenProjectSettings
>() {
  /** Explicit values (tests, or a CLI that read its own flags). */
  static layer(opts: OpenProjectConfigOptions): Layer.Layer<OpenProjectConfig, InvalidConfig> {
    return Layer.effect(OpenProjectConfig, makeSettings(opts))
  }

  /**
   * OPENPROJECT_URL and OPENPROJECT_API_KEY from the ConfigProvider (the environment), plus optional tuning.
   * A `url` given here (a command-line flag) wins over OPENPROJECT_URL; the key only comes from the environment.
   */
  static fromEnvWith(
    tuning: OpenProjectTuning & {
      readonly url?: string | undefined
      /** Used when neither `url` nor OPENPROJECT_URL is given (a config's `openproject.url`). */
      readonly fallbackUrl?: string | undefined
    }
  ): Layer.Layer<OpenProjectConfig, InvalidConfig> {
    return Layer.effect(
      OpenProjectConfig,
      Effect.gen(function* () {
        const { fallbackUrl, ...rest } = tuning
        const url =
          rest.url ??
          (fallbackUrl === undefined ? yield* envUrl : yield* envUrl.pipe(Effect.orElseSucceed(() => fallbackUrl)))
        const apiKey = yield* envKey
        return yield* makeSettings({ ...rest, url, apiKey })
      })
    )
  }

  static readonly fromEnv: Layer.Layer<OpenProjectConfig, InvalidConfig> = OpenProjectConfig.fromEnvWith({})
}
