import { NodeHttpClient } from "@effect/platform-node"
import { Layer, Option, Redacted } from "effect"
import { GitHubContext, type GitHubContextShape } from "../../../src/github/GitHubContext.js"
import { PullRequestComments } from "../../../src/github/PullRequestComments.js"
import type { FakeGitHub } from "./fakeGitHub.js"

/** A pull request #7 of octo/plans, opened from a branch of the same repository, talking to the fake. */
export const pullRequestContext = (fake: FakeGitHub, overrides: Partial<GitHubContextShape> = {}) =>
  GitHubContext.layer({
    token: Option.some(Redacted.make("test-token")),
    repository: Option.some({ owner: "octo", name: "plans" }),
    eventName: Option.some("pull_request"),
    pullRequest: Option.some({ number: 7, headRepository: "octo/plans", fromFork: false }),
    apiUrl: fake.apiUrl,
    inActions: true,
    ...overrides
  })

/** The comment service over a real node:http client, against the fake. */
export const commentsLayer = (fake: FakeGitHub, overrides: Partial<GitHubContextShape> = {}) =>
  PullRequestComments.Default.pipe(
    Layer.provide(pullRequestContext(fake, overrides)),
    Layer.provide(NodeHttpClient.layer)
  )
