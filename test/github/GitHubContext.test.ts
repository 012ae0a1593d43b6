import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Option, Redacted } from "effect"
import { GitHubContext } from "../../src/github/GitHubContext.js"

const pullRequestEvent = (head: string | null, base = "octo/plans") =>
  JSON.stringify({
    action: "synchronize",
    number: 12,
    pull_request: {
      number: 12,
      title: "Move wp#44 back to New",
      head: { ref: "feature", repo: head === null ? null : { full_name: head, fork: head !== base } },
      base: { ref: "main", repo: { full_name: base, fork: false } }
    }
  })

const readContext = (env: Record<string, string>) =>
  Effect.gen(function* () {
    return yield* GitHubContext
  }).pipe(
    Effect.provide(GitHubContext.fromEnv),
    Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))
  )

const withEventFile = (json: string) =>
  Effect.gen(function* () {
    const fs = yield* FileSystem.FileSystem
    const dir = yield* fs.makeTempDirectoryScoped()
    yield* fs.writeFileString(`${dir}/event.json`, json)
    return `${dir}/event.json`
  })

describe("GitHubContext.fromEnv", () => {
  it.scoped("reads the pull request, the repository, the run URL and the files of a GitHub Actions job", () =>
    Effect.gen(function* () {
      const eventPath = yield* withEventFile(pullRequestEvent("octo/plans"))
      const context = yield* readContext({
        GITHUB_ACTIONS: "true",
        GITHUB_TOKEN: "ghs_secret",
        GITHUB_REPOSITORY: "octo/plans",
        GITHUB_EVENT_NAME: "pull_request",
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_SERVER_URL: "https://github.com",
        GITHUB_RUN_ID: "4242",
        GITHUB_SHA: "abc123",
        GITHUB_STEP_SUMMARY: "/tmp/summary",
        GITHUB_OUTPUT: "/tmp/output"
      })

      expect(context.inActions).toBe(true)
      expect(context.apiUrl).toBe("https://api.github.com")
      expect(context.repository).toEqual(Option.some({ owner: "octo", name: "plans" }))
      expect(context.pullRequest).toEqual(Option.some({ number: 12, headRepository: "octo/plans", fromFork: false }))
      expect(context.runUrl).toEqual(Option.some("https://github.com/octo/plans/actions/runs/4242"))
      expect(Option.map(context.token, Redacted.value)).toEqual(Option.some("ghs_secret"))
      expect(String(context.token)).not.toContain("ghs_secret")
      expect(context.sha).toEqual(Option.some("abc123"))
      expect(context.stepSummaryPath).toEqual(Option.some("/tmp/summary"))
      expect(context.outputPath).toEqual(Option.some("/tmp/output"))
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.scoped("marks a pull request from a fork (or from a deleted fork)", () =>
    Effect.gen(function* () {
      const fork = yield* readContext({ GITHUB_EVENT_PATH: yield* withEventFile(pullRequestEvent("someone/plans")) })
      expect(Option.map(fork.pullRequest, (pr) => pr.fromFork)).toEqual(Option.some(true))
      const gone = yield* readContext({ GITHUB_EVENT_PATH: yield* withEventFile(pullRequestEvent(null)) })
      expect(gone.pullRequest).toEqual(Option.some({ number: 12, headRepository: undefined, fromFork: true }))
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.scoped("takes GitHub Enterprise's API URL, and a push event has no pull request", () =>
    Effect.gen(function* () {
      const eventPath = yield* withEventFile(JSON.stringify({ ref: "refs/heads/main", commits: [] }))
      const context = yield* readContext({
        GITHUB_API_URL: "https://ghe.example.com/api/v3/",
        GITHUB_EVENT_PATH: eventPath,
        GITHUB_TOKEN: ""
      })
      expect(context.apiUrl).toBe("https://ghe.example.com/api/v3")
      expect(context.pullRequest).toEqual(Option.none())
      expect(context.token).toEqual(Option.none())
      expect(context.inActions).toBe(false)
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.effect("outside GitHub Actions everything is absent and nothing fails", () =>
    Effect.gen(function* () {
      const context = yield* readContext({})
      expect(context).toEqual(GitHubContext.make({}))
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )

  it.scoped("a malformed event payload or repository is a typed error that says which", () =>
    Effect.gen(function* () {
      const broken = yield* withEventFile('{"pull_request": {"number": "twelve"}}')
      const eventError = yield* readContext({ GITHUB_EVENT_PATH: broken }).pipe(Effect.flip)
      expect(eventError._tag).toBe("GitHubEventUnreadable")
      expect(eventError.message).toContain("GITHUB_EVENT_PATH")

      const missing = yield* readContext({ GITHUB_EVENT_PATH: `${broken}.missing` }).pipe(Effect.flip)
      expect(missing._tag).toBe("GitHubEventUnreadable")

      const repoError = yield* readContext({ GITHUB_REPOSITORY: "just-a-name" }).pipe(Effect.flip)
      expect(repoError._tag).toBe("InvalidGitHubEnvironment")
      expect(repoError.message).toContain("owner/name")
    }).pipe(Effect.provide(NodeFileSystem.layer))
  )
})
