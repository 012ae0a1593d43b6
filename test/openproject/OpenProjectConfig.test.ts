import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Duration, Effect, Either, Layer, Redacted } from "effect"
import { makeSettings, normalizeBaseUrl, OpenProjectConfig } from "../../src/openproject/OpenProjectConfig.js"

const KEY = "opapi-CONFIG-TEST-KEY-7f3a9c"

const fromEnv = (env: Record<string, string>) =>
  Effect.gen(function* () {
    return yield* OpenProjectConfig
  }).pipe(
    Effect.provide(OpenProjectConfig.fromEnv),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )

describe("OpenProjectConfig", () => {
  it.effect("reads OPENPROJECT_URL and OPENPROJECT_API_KEY and fills in polite defaults", () =>
    Effect.gen(function* () {
      const settings = yield* fromEnv({ OPENPROJECT_URL: "https://op.example.com/", OPENPROJECT_API_KEY: KEY })
      expect(settings.baseUrl).toBe("https://op.example.com")
      expect(Redacted.value(settings.apiKey)).toBe(KEY)
      expect(String(settings.apiKey)).not.toContain(KEY)
      expect(settings).toMatchObject({ auth: "basic", requestsPerSecond: 10, concurrency: 6, maxRetries: 4 })
      expect(Duration.toMillis(settings.timeout)).toBe(30_000)
      expect(Duration.toMillis(settings.retryBase)).toBe(500)
    })
  )

  it.effect("a missing key says which variable and how to create a token", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fromEnv({ OPENPROJECT_URL: "https://op.example.com" }))
      expect(error._tag).toBe("InvalidConfig")
      expect(error.message).toContain("OPENPROJECT_API_KEY")
      expect(error.message).toContain("My account → Access tokens")
      expect(error.message).not.toContain("runbook")
    })
  )

  it.effect("a trailing newline or spaces around the key (a copy-paste slip) are trimmed, not sent", () =>
    Effect.gen(function* () {
      for (const pasted of [`${KEY}\n`, `${KEY}\r\n`, `  ${KEY} `]) {
        const settings = yield* fromEnv({ OPENPROJECT_URL: "https://op.example.com", OPENPROJECT_API_KEY: pasted })
        expect(Redacted.value(settings.apiKey)).toBe(KEY)
      }
    })
  )

  it.effect("whitespace inside the key is named as the cause, without the key", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(
        fromEnv({ OPENPROJECT_URL: "https://op.example.com", OPENPROJECT_API_KEY: `${KEY}\nexport FOO=1` })
      )
      expect(error.message).toContain("OPENPROJECT_API_KEY: contains a space or a line break inside it")
      expect(error.message).not.toContain(KEY)
    })
  )

  it.effect("a missing URL names OPENPROJECT_URL", () =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(fromEnv({ OPENPROJECT_API_KEY: KEY }))
      expect(error.message).toContain("OPENPROJECT_URL")
      expect(error.message).not.toContain(KEY)
    })
  )

  it("plain http is refused for any host but loopback, with the advice to use https", () => {
    const refused = normalizeBaseUrl("http://openproject.example.com")
    expect(Either.isLeft(refused) && refused.left.message).toContain("Use https://")
    for (const ok of ["http://localhost:8080", "http://127.0.0.1:3000/", "http://127.10.0.1", "http://[::1]:80"]) {
      expect(Either.isRight(normalizeBaseUrl(ok))).toBe(true)
    }
    expect(Either.isLeft(normalizeBaseUrl("http://localhost.evil.com"))).toBe(true)
    expect(Either.isLeft(normalizeBaseUrl("http://127.0.0.1.evil.com"))).toBe(true)
  })

  it("keeps a sub-path, strips trailing slashes and a pasted /api/v3", () => {
    expect(normalizeBaseUrl("https://example.com/openproject/")).toEqual(
      Either.right("https://example.com/openproject")
    )
    expect(normalizeBaseUrl("https://example.com/api/v3/")).toEqual(Either.right("https://example.com"))
  })

  it("refuses credentials in the URL without repeating them", () => {
    const refused = normalizeBaseUrl("https://apikey:hunter2@example.com")
    expect(Either.isLeft(refused) && refused.left.message).toContain("user name or password")
    expect(Either.isLeft(refused) && refused.left.message).not.toContain("hunter2")
  })

  it.each([
    "https://user:s3cret@host:99999",
    "https://s3cret@host:99999/x",
    "https://user:s3cret@exa mple.com",
    "user:s3cret@host"
  ])("never repeats credentials of a URL that does not even parse: %s", (raw) => {
    const refused = normalizeBaseUrl(raw)
    expect(Either.isLeft(refused)).toBe(true)
    if (Either.isLeft(refused)) {
      expect(refused.left.message).not.toContain("s3cret")
      expect(refused.left.message).toMatch(/^OPENPROJECT_URL: /)
    }
  })

  it("refuses nonsense tuning values", () => {
    const base = { url: "https://example.com", apiKey: Redacted.make(KEY) }
    expect(Either.isLeft(makeSettings({ ...base, concurrency: 0 }))).toBe(true)
    expect(Either.isLeft(makeSettings({ ...base, requestsPerSecond: -1 }))).toBe(true)
    expect(Either.isLeft(makeSettings({ ...base, maxRetries: 1.5 }))).toBe(true)
    expect(Either.isLeft(makeSettings({ ...base, timeout: "0 millis" }))).toBe(true)
    expect(Either.isLeft(makeSettings({ ...base, apiKey: Redacted.make("  ") }))).toBe(true)
  })

  it.effect("layer(opts) takes explicit values, bearer included", () =>
    Effect.gen(function* () {
      const settings = yield* OpenProjectConfig
      expect(settings).toMatchObject({ auth: "bearer", concurrency: 2, baseUrl: "http://127.0.0.1:9" })
    }).pipe(
      Effect.provide(
        Layer.fresh(
          OpenProjectConfig.layer({
            url: "http://127.0.0.1:9",
            apiKey: Redacted.make(KEY),
            auth: "bearer",
            concurrency: 2
          })
        )
      )
    )
  )
})
