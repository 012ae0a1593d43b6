import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Option, Redacted, TestClock } from "effect"
import { commentMarker } from "../../src/github/commentBody.js"
import { PullRequestComments } from "../../src/github/PullRequestComments.js"
import { postPlanComment } from "../../src/github/postPlanComment.js"
import { GITHUB_COMMENT_LIMIT } from "../../src/render/markdownBudget.js"
import { awaitWakeUp } from "../support/testClock.js"
import { startFakeGitHub } from "./support/fakeGitHub.js"
import { commentsLayer } from "./support/githubLayer.js"

const PLAN = "docs/F1_BUY_BOOST_PLAN.md"
const BODY =
  "Plan: 2 to transition, 9 in sync, 2 skipped, 1 blocked.\n\n| wp | from | to |\n|---|---|---|\n| 44 | In progress | New |"

describe("PullRequestComments.upsert", () => {
  it.scoped("creates the sticky comment with GitHub's headers and the hidden marker", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      const result = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(commentsLayer(fake)))

      expect(result.action).toBe("created")
      const [comment] = fake.comments(7)
      expect(fake.comments(7)).toHaveLength(1)
      expect(comment?.body.startsWith(commentMarker(PLAN))).toBe(true)
      expect(comment?.body).toContain(BODY)
      expect(result.url).toBe(`https://github.example/octo/plans/pull/7#issuecomment-${comment?.id}`)
      const [list, create] = fake.requests()
      expect(list?.method).toBe("GET")
      expect(list?.path).toBe("/repos/octo/plans/issues/7/comments")
      expect(list?.query).toBe("?per_page=100")
      expect(create?.method).toBe("POST")
      expect(create?.headers.authorization).toBe("Bearer test-token")
      expect(create?.headers.accept).toBe("application/vnd.github+json")
      expect(create?.headers["x-github-api-version"]).toBe("2022-11-28")
      expect(create?.headers["user-agent"]).toBe("op-reconcile")
    })
  )

  it.scoped("finds its comment by marker on a later page (Link rel=next) and updates it in place", () =>
    Effect.gen(function* () {
      const others = Array.from({ length: 5 }, (_, i) => ({ issue: 7, body: `review remark ${i}` }))
      const fake = yield* startFakeGitHub({
        maxPerPage: 2,
        prefix: "/api/v3", // GitHub Enterprise Server layout
        comments: [...others, { issue: 7, body: `${commentMarker(PLAN)}\nPlan: 1 to transition.` }]
      })
      const result = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(commentsLayer(fake)))

      expect(result.action).toBe("updated")
      const pages = fake.requests().filter((r) => r.method === "GET")
      expect(pages.map((r) => r.query)).toEqual(["?per_page=100", "?per_page=2&page=2", "?per_page=2&page=3"])
      const [patch] = fake.writes()
      expect(fake.writes()).toHaveLength(1)
      expect(patch?.method).toBe("PATCH")
      const marked = fake.comments(7).filter((c) => c.body.includes(commentMarker(PLAN)))
      expect(marked).toHaveLength(1)
      expect(patch?.path).toBe(`/repos/octo/plans/issues/comments/${marked[0]?.id}`)
      expect(marked[0]?.body).toContain(BODY)
      expect(fake.comments(7)).toHaveLength(6)
    })
  )

  it.scoped("a rerun with the same plan writes nothing and posts no duplicate", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      const layer = commentsLayer(fake)
      const first = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(layer))
      const second = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(layer))

      expect(first.action).toBe("created")
      expect(second.action).toBe("unchanged")
      expect(second.url).toBe(first.url)
      expect(fake.comments(7)).toHaveLength(1)
      expect(fake.writes()).toHaveLength(1)
    })
  )

  it.scoped("leaves the comments of other plan files alone", () =>
    Effect.gen(function* () {
      const other = `${commentMarker("docs/OTHER_PLAN.md")}\nPlan: 3 to transition.`
      const similar = `${commentMarker(`${PLAN}.bak`)}\nPlan: 4 to transition.`
      const fake = yield* startFakeGitHub({
        comments: [
          { issue: 7, body: other },
          { issue: 7, body: similar }
        ]
      })
      const result = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(commentsLayer(fake)))

      expect(result.action).toBe("created")
      expect(fake.writes().map((r) => r.method)).toEqual(["POST"])
      expect(fake.comments(7).map((c) => c.body)).toEqual([other, similar, expect.stringContaining(BODY)])
    })
  )

  it.scoped("a marker planted by another user is ignored: op-reconcile updates its own comment", () =>
    Effect.gen(function* () {
      const planted = `${commentMarker(PLAN)}\nNo changes. OpenProject matches the plan.`
      const fake = yield* startFakeGitHub({
        comments: [
          { issue: 7, body: planted, user: "mallory" },
          { issue: 7, body: `${commentMarker(PLAN)}\nPlan: 1 to transition.` }
        ]
      })
      const result = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(commentsLayer(fake)))

      expect(result.action).toBe("updated")
      const [theirs, ours] = fake.comments(7)
      expect(theirs).toMatchObject({ user: "mallory", body: planted })
      expect(ours).toMatchObject({ user: "github-actions[bot]" })
      expect(ours?.body).toContain(BODY)
      expect(fake.writes().map((w) => [w.method, w.path])).toEqual([
        ["PATCH", `/repos/octo/plans/issues/comments/${ours?.id}`]
      ])
      // who op-reconcile is was asked of GraphQL, which answers for every kind of token
      expect(fake.requests().filter((r) => r.path === "/graphql")).toHaveLength(1)
    })
  )

  it.scoped("with only a planted marker, op-reconcile posts its own comment and leaves the other alone", () =>
    Effect.gen(function* () {
      const planted = `${commentMarker(PLAN)}\nNo changes.`
      const fake = yield* startFakeGitHub({ comments: [{ issue: 7, body: planted, user: "mallory" }] })
      const result = yield* postPlanComment({ marker: PLAN, body: BODY, inSync: false }).pipe(
        Effect.provide(commentsLayer(fake))
      )

      expect(result.action).toBe("created")
      expect(fake.comments(7).map((c) => [c.user, c.body === planted])).toEqual([
        ["mallory", true],
        ["github-actions[bot]", false]
      ])
    })
  )

  it.scoped("a comment by op-reconcile's identity counts only with the marker on its first line", () =>
    Effect.gen(function* () {
      // e.g. a reply quoting op-reconcile's comment, posted by another workflow with the same token
      const quoting = `> earlier plan:\n${commentMarker(PLAN)}\nPlan: 9 to transition.`
      const fake = yield* startFakeGitHub({ comments: [{ issue: 7, body: quoting }] })
      const result = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(commentsLayer(fake)))

      expect(result.action).toBe("created")
      expect(fake.comments(7)[0]?.body).toBe(quoting)
    })
  )

  it.scoped("an app's installation token: its own `<app-slug>[bot]` comment is the sticky one", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub({
        prefix: "/api/v3", // GitHub Enterprise Server: GraphQL at /api/graphql
        viewer: "plan-bot[bot]",
        comments: [
          { issue: 7, body: `${commentMarker(PLAN)}\nby the workflow token`, user: "github-actions[bot]" },
          { issue: 7, body: `${commentMarker(PLAN)}\nby the app`, user: "plan-bot[bot]" }
        ]
      })
      const result = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(commentsLayer(fake)))

      expect(result.action).toBe("updated")
      expect(fake.comments(7).map((c) => c.body.includes(BODY))).toEqual([false, true])
    })
  )

  it.scoped("an in-sync plan updates an earlier comment but does not start a new one", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      const layer = commentsLayer(fake)
      const inSync = "No changes. OpenProject matches the plan."
      const skipped = yield* postPlanComment({ marker: PLAN, body: inSync, inSync: true }).pipe(Effect.provide(layer))
      expect(skipped).toEqual({ action: "skipped", url: undefined })
      expect(fake.writes()).toHaveLength(0)

      yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(Effect.provide(layer))
      const updated = yield* postPlanComment({ marker: PLAN, body: inSync, inSync: true }).pipe(Effect.provide(layer))
      expect(updated.action).toBe("updated")
      expect(fake.comments(7).map((c) => c.body)).toEqual([expect.stringContaining(inSync)])
    })
  )

  it.scoped("folds a body longer than GitHub's limit and says so", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      const huge = `${BODY}\n${"| 1 | x | y |\n".repeat(10_000)}`
      const result = yield* postPlanComment({ marker: PLAN, body: huge }).pipe(Effect.provide(commentsLayer(fake)))

      expect(result.action).toBe("created")
      const body = fake.comments(7)[0]?.body ?? ""
      expect(body.length).toBeLessThan(GITHUB_COMMENT_LIMIT)
      expect(body.startsWith(`${commentMarker(PLAN)}\n${BODY}`)).toBe(true)
      expect(body).toContain("cut to fit GitHub's 65,536-character limit")
    })
  )

  it.scoped("403 without rate-limit signs: a message naming `pull-requests: write`, and no retry", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      fake.addFault({ method: "POST", status: 403, message: "Resource not accessible by integration" })
      const error = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(
        Effect.provide(commentsLayer(fake)),
        Effect.flip
      )

      expect(error._tag).toBe("GitHubMissingPermission")
      expect(error.message).toContain("permissions: pull-requests: write")
      expect(error.message).toContain("Resource not accessible by integration")
      expect(error.message).not.toContain("test-token")
      expect(fake.writes()).toHaveLength(1)
    })
  )

  it.scoped("a fork's pull request without a token: says the token is missing and to run validate", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      const error = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(
        Effect.provide(
          commentsLayer(fake, {
            token: Option.none(),
            pullRequest: Option.some({ number: 7, headRepository: "someone/plans", fromFork: true })
          })
        ),
        Effect.flip
      )

      expect(error._tag).toBe("MissingGitHubToken")
      expect(error.message).toContain("GITHUB_TOKEN is not set")
      expect(error.message).toContain("fork")
      expect(error.message).toContain("op-reconcile validate")
      expect(fake.requests()).toHaveLength(0)
    })
  )

  it.scoped("outside a pull request there is nothing to comment on", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      const error = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(
        Effect.provide(commentsLayer(fake, { pullRequest: Option.none(), eventName: Option.some("push") })),
        Effect.flip
      )
      expect(error._tag).toBe("NoPullRequest")
      expect(error.message).toContain(`"push"`)
      expect(fake.requests()).toHaveLength(0)
    })
  )

  it.scoped("401 and 404 fail at once with what to check", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      const badToken = yield* PullRequestComments.upsert({ marker: PLAN, body: BODY }).pipe(
        Effect.provide(commentsLayer(fake, { token: Option.some(Redacted.make("revoked")) })),
        Effect.flip
      )
      expect(badToken._tag).toBe("GitHubUnauthorized")
      expect(badToken.message).toContain("github-token")

      const missing = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(
        Effect.provide(commentsLayer(fake, { repository: Option.some({ owner: "octo", name: "gone" }) })),
        Effect.flip
      )
      expect(missing._tag).toBe("GitHubNotFound")
      expect(missing.message).toContain("octo/gone")
      expect(missing.message).toContain("#7")
      expect(fake.requests()).toHaveLength(2)
    })
  )

  it.scoped("429 with Retry-After: waits exactly that long on the clock, then succeeds", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      fake.addFault({ method: "GET", status: 429, headers: { "retry-after": "2" }, message: "slow down" })
      const fiber = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(
        Effect.provide(commentsLayer(fake)),
        Effect.fork
      )

      yield* awaitWakeUp((delay) => delay === 2000, "a retry 2 s after the 429")
      yield* TestClock.adjust("1999 millis")
      expect(fake.requests()).toHaveLength(1)
      yield* TestClock.adjust("1 millis")
      const result = yield* Fiber.join(fiber)

      expect(result.action).toBe("created")
      expect(fake.requests().map((r) => r.method)).toEqual(["GET", "GET", "POST"])
    })
  )

  it.scoped("403 with x-ratelimit-remaining: 0 is a rate limit: waits until x-ratelimit-reset", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      fake.addFault({
        method: "POST",
        status: 403,
        headers: { "x-ratelimit-remaining": "0", "x-ratelimit-reset": "3" },
        message: "API rate limit exceeded"
      })
      const fiber = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(
        Effect.provide(commentsLayer(fake)),
        Effect.fork
      )

      yield* awaitWakeUp((delay) => delay === 3000, "a wait until x-ratelimit-reset")
      yield* TestClock.adjust("3 seconds")
      const result = yield* Fiber.join(fiber)

      expect(result.action).toBe("created")
      // the retry lists again first, so a write whose answer was lost is never made twice
      expect(fake.requests().map((r) => r.method)).toEqual(["GET", "POST", "GET", "POST"])
      expect(fake.comments(7)).toHaveLength(1)
    })
  )

  it.scoped("a rate limit longer than the job should wait fails with the wait in the message", () =>
    Effect.gen(function* () {
      const fake = yield* startFakeGitHub()
      fake.addFault({ method: "GET", status: 429, headers: { "retry-after": "3600" } })
      const error = yield* postPlanComment({ marker: PLAN, body: BODY }).pipe(
        Effect.provide(commentsLayer(fake)),
        Effect.flip
      )
      expect(error._tag).toBe("GitHubRateLimited")
      expect(error.message).toContain("3600 s")
      expect(fake.requests()).toHaveLength(1)
    })
  )
})
