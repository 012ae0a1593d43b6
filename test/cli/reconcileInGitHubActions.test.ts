import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { NodeContext } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { ConfigProvider, Effect, Exit } from "effect"
import { run as cli } from "../../src/cli/Cli.js"
import { startFakeGitHub } from "../github/support/fakeGitHub.js"
import { capturingConsole } from "../support/capturingConsole.js"
import { startSandbox } from "../support/sandbox.js"

const KEY = "sandbox-key-for-the-actions-test"

const PLAN = `# Plan

| Track | Phase | GH issue / OP wp | Status |
|---|---|---|---|
| A | one | OP wp#1 | **In progress** |
| B | two | OP wp#2 | **Closed** |
| C | three | OP wp#3 | **Blocked** — waiting for a venue |
`

/** A GitHub Actions job of a pull request (#7 of octo/plans), with its files in a fresh folder. */
const actionsJob = (apiUrl: string, openProjectUrl: string) => {
  const dir = mkdtempSync(join(tmpdir(), "op-reconcile-actions-"))
  const source = join(dir, "PLAN.md")
  writeFileSync(source, PLAN)
  const event = join(dir, "event.json")
  writeFileSync(
    event,
    JSON.stringify({
      number: 7,
      pull_request: {
        number: 7,
        head: { repo: { full_name: "octo/plans", fork: false } },
        base: { repo: { full_name: "octo/plans", fork: false } }
      }
    })
  )
  const summary = join(dir, "summary.md")
  const output = join(dir, "output.txt")
  writeFileSync(summary, "")
  writeFileSync(output, "")
  const env = new Map([
    ["OPENPROJECT_URL", openProjectUrl],
    ["OPENPROJECT_API_KEY", KEY],
    ["GITHUB_ACTIONS", "true"],
    ["GITHUB_TOKEN", "test-token"],
    ["GITHUB_REPOSITORY", "octo/plans"],
    ["GITHUB_EVENT_NAME", "pull_request"],
    ["GITHUB_EVENT_PATH", event],
    ["GITHUB_API_URL", apiUrl],
    ["GITHUB_WORKSPACE", dir],
    ["GITHUB_STEP_SUMMARY", summary],
    ["GITHUB_OUTPUT", output],
    ["GITHUB_SHA", "0123456789abcdef0123456789abcdef01234567"]
  ])
  return { source, summary, output, env }
}

/** `op-reconcile <args>` in process, with the job's environment and a console that records what it prints. */
const runIn = (env: ReadonlyMap<string, string>, ...args: ReadonlyArray<string>) =>
  Effect.gen(function* () {
    const { console, captured } = capturingConsole()
    const exit = yield* cli(["node", "op-reconcile", ...args]).pipe(
      Effect.withConsole(console),
      Effect.withConfigProvider(ConfigProvider.fromMap(new Map(env))),
      Effect.provide(NodeContext.layer),
      Effect.exit
    )
    return { exit, ...captured }
  })

describe("reconcile --dry-run --github-comment inside GitHub Actions", () => {
  it.live("posts the plan as one sticky comment, annotates the skipped row, fills the summary and the outputs", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const github = yield* startFakeGitHub()
        const sandbox = yield* startSandbox({
          apiKey: KEY,
          workPackages: [
            { id: 1, subject: "Track A", status: "New" },
            { id: 2, subject: "Track B", status: "Closed" },
            { id: 3, subject: "Track C", status: "New" }
          ]
        })
        const job = actionsJob(github.apiUrl, sandbox.url)

        const first = yield* runIn(job.env, "reconcile", "--source", job.source, "--dry-run", "--github-comment")
        expect(Exit.isSuccess(first.exit)).toBe(true)
        const comments = github.comments(7)
        expect(comments).toHaveLength(1)
        expect(comments[0]?.body).toContain("<!-- op-reconcile:")
        expect(comments[0]?.body).toContain("Plan: 1 to transition, 1 in sync, 1 skipped, 0 blocked.")
        // Annotations go to stderr (the runner reads both streams), so stdout stays the plan alone.
        expect(first.stdout.join("\n")).not.toContain("::warning")
        expect(first.stderr).toContain(
          "::warning file=PLAN.md,line=7,col=25,title=op-reconcile%3A wp#3 skipped::wp#3: **Blocked** is not a state; did you mean **On hold**? Use one of Backlog, New, Specified, In progress, In testing, Closed, On hold, Rejected (qualifiers ABANDONED, LOCKED, KEEP_AVAILABLE may follow)"
        )
        expect(readFileSync(job.summary, "utf8")).toContain("Plan: 1 to transition")
        expect(readFileSync(job.output, "utf8")).toContain("changes=1\n")

        // A rerun with the same plan finds its comment by the marker and writes nothing.
        const writesBefore = github.writes().length
        const second = yield* runIn(job.env, "reconcile", "--source", job.source, "--dry-run", "--github-comment")
        expect(Exit.isSuccess(second.exit)).toBe(true)
        expect(github.comments(7)).toHaveLength(1)
        expect(github.writes()).toHaveLength(writesBefore)

        // The dry-runs did not write to OpenProject: their only POSTs asked the form about the one change.
        expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(0)
        const posts = (yield* sandbox.requestLog).filter((e) => e.method === "POST")
        expect(posts.every((e) => /^\/api\/v3\/work_packages\/\d+\/form$/.test(e.path))).toBe(true)
        expect(posts).toHaveLength(2)
      })
    )
  )

  it.live("a config's run posts one sticky comment for the config: the run's summary, one section per plan", () =>
    Effect.scoped(
      Effect.gen(function* () {
        const github = yield* startFakeGitHub()
        const sandbox = yield* startSandbox({
          apiKey: KEY,
          workPackages: [
            { id: 1, subject: "Track A", status: "New" },
            { id: 2, subject: "Track B", status: "Closed" },
            { id: 3, subject: "Track C", status: "New" },
            { id: 4, subject: "Team story", status: "Closed" }
          ]
        })
        const job = actionsJob(github.apiUrl, sandbox.url)
        const dir = dirname(job.source)
        writeFileSync(join(dir, "team.md"), "| Story | OP | State |\n|---|---|---|\n| S | wp#4 | **Closed** |\n")
        const config = join(dir, "op-reconcile.yml")
        writeFileSync(
          config,
          [
            "version: 1",
            "plans:",
            "  - source: PLAN.md",
            "  - source: team.md",
            "    table: { header: [Story, OP, State], workPackageColumn: OP, statusColumn: State }",
            ""
          ].join("\n")
        )
        const first = yield* runIn(job.env, "reconcile", "--config", config, "--dry-run", "--github-comment")
        expect(Exit.isSuccess(first.exit)).toBe(true)
        const comments = github.comments(7)
        expect(comments).toHaveLength(1)
        const body = comments[0]?.body ?? ""
        expect(body.split("\n")[0]).toBe(`<!-- op-reconcile:${config} -->`)
        expect(body).toContain("**Plan: 1 to transition, 2 in sync, 1 skipped, 0 blocked.**")
        const plan = body.indexOf("#### PLAN.md\n\n**Plan: 1 to transition, 1 in sync, 1 skipped, 0 blocked.**")
        const team = body.indexOf("<summary>team.md: No changes. OpenProject matches the plan.</summary>")
        expect(plan).toBeGreaterThan(0)
        expect(team).toBeGreaterThan(plan)
        expect(body.slice(plan, team)).toContain("Track A")
        expect(body.slice(team)).toContain("Team story")

        // The rerun finds the config's comment by its marker and leaves it as it is.
        const writesBefore = github.writes().length
        const second = yield* runIn(job.env, "reconcile", "--config", config, "--dry-run", "--github-comment")
        expect(Exit.isSuccess(second.exit)).toBe(true)
        expect(github.comments(7)).toHaveLength(1)
        expect(github.writes()).toHaveLength(writesBefore)
      })
    )
  )

  it.live("refuses --github-comment with --apply before reading anything", () =>
    Effect.gen(function* () {
      const job = actionsJob("http://127.0.0.1:9", "http://127.0.0.1:9")
      const result = yield* runIn(job.env, "reconcile", "--source", job.source, "--apply", "--github-comment")
      expect(Exit.isFailure(result.exit)).toBe(true)
      expect(String(Exit.isFailure(result.exit) ? result.exit.cause : "")).toContain("UsageError")
    })
  )
})
