import { mkdtempSync, readFileSync, writeFileSync } from "node:fs"
import * as Http from "node:http"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { describe, expect, it } from "@effect/vitest"
import { Effect, type Scope } from "effect"
import { hideUrlCredentialsAfterScheme } from "../../src/safeText/urlCredentials.js"
import { type RunningSandbox, startSandbox } from "../../src/sandbox/Sandbox.js"
import { type ParsedCommand, replayOutput } from "../support/actionsRunner.js"
import { HOSTILE_TEXT } from "../support/hostileText.js"
import { type CliRun, runCli, STACK_TRACE } from "./support/cli.js"

/**
 * Hostile subjects, cells, headers, status names, saved-plan fields and server messages, printed by every
 * command of the built CLI inside a (simulated) GitHub Actions job: stdout and stderr are replayed through a
 * port of the runner's command parser, and the only commands found are op-reconcile's own annotations.
 */

const KEY = "e2e-hostile-output-key"
const PLAN = "HOSTILE_PLAN.md"
const HOSTILE_STATUS = "##[add-mask]Closed ::error::x"
const texts = HOSTILE_TEXT.map((h) => h.text)

/**
 * A markdown cell holding `text`: line breaks and NUL as entities (the parser decodes them; a file with a raw
 * NUL byte is refused as binary), pipes escaped.
 */
const cell = (text: string) =>
  text.replaceAll("|", "\\|").replaceAll("\n", "&#10;").replaceAll("\r", "&#13;").replaceAll("\u0000", "&#0;")

const planDocument = () =>
  [
    "# A plan with hostile cells",
    "",
    "| Track | Phase | GH issue / OP wp | Status |",
    "| ----- | ----- | ---------------- | ------ |",
    ...texts.map((t, i) => `| ${cell(t)} | e2e | OP wp#${i + 1} | **In progress** — ${cell(t)} |`),
    // skipped rows: the bold word is not a state, so the warning quotes it
    ...texts.slice(0, 6).map((t, i) => `| skipped | e2e | OP wp#${100 + i} | **${cell(t)}** |`),
    "",
    `| ${cell(texts[0] ?? "")} | ${cell(texts[5] ?? "")} |`,
    "| --- | --- |",
    "| a | b |",
    ""
  ].join("\n")

/** A job's folder: the plan, the event-less Actions files, and the environment that points at OpenProject. */
const actionsJob = (openProjectUrl: string) => {
  const dir = mkdtempSync(join(tmpdir(), "op-reconcile-hostile-"))
  const source = join(dir, PLAN)
  writeFileSync(source, planDocument())
  const summary = join(dir, "summary.md")
  const output = join(dir, "output.txt")
  writeFileSync(summary, "")
  writeFileSync(output, "")
  const env = {
    OPENPROJECT_URL: openProjectUrl,
    OPENPROJECT_API_KEY: KEY,
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: dir,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_OUTPUT: output,
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567"
  }
  return { dir, source, env }
}

/** op-reconcile's own annotations: on the plan file, titled by op-reconcile, in the current syntax, on stderr. */
const isOwnAnnotation = (c: ParsedCommand) =>
  ["warning", "error", "notice"].includes(c.command) &&
  c.syntax === "::" &&
  c.stream === "stderr" &&
  c.properties.file === PLAN &&
  (c.properties.title ?? "").startsWith("op-reconcile")

const expectNothingForged = (run: CliRun) => {
  const commands = replayOutput(run)
  expect(commands.filter((c) => !isOwnAnnotation(c))).toEqual([])
  const output = `${run.stdout}${run.stderr}`
  // one line per value: no control character but line feeds, no bidi control, no escape sequence
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
  expect(output).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/)
  expect(output).not.toContain("s3cret")
  expect(output).not.toMatch(STACK_TRACE)
  return commands.filter(isOwnAnnotation)
}

const hostileSandbox = (): Effect.Effect<RunningSandbox, unknown, Scope.Scope> =>
  startSandbox({
    apiKey: KEY,
    statuses: [
      ...["Backlog", "New", "Specified", "In progress", "In testing", "Closed", "On hold", "Rejected"].map(
        (name, i) => ({ id: i + 1, name, isClosed: name === "Closed" || name === "Rejected" })
      ),
      { id: 9, name: HOSTILE_STATUS, isClosed: false }
    ],
    workPackages: texts.map((subject, i) => ({ id: i + 1, subject, status: i % 2 === 0 ? HOSTILE_STATUS : "New" }))
  })

/** A sandbox full of hostile text and a job that points at it. */
const hostileJob = Effect.gen(function* () {
  const sandbox = yield* hostileSandbox()
  const job = actionsJob(sandbox.url)
  const run = (...args: ReadonlyArray<string>) => runCli(args, job.env)
  return { sandbox, job, run, planFile: join(job.dir, "plan.json") }
})

// Each test runs the built CLI several times, in real time, while the whole suite competes for the machine.
const SLOW = 90_000

describe("hostile text in every output of the built CLI, replayed through the Actions runner's parser", () => {
  it.scopedLive(
    "reconcile: text, json and markdown",
    () =>
      Effect.gen(function* () {
        const { job, run } = yield* hostileJob
        const text = yield* run("reconcile", "--source", job.source)
        expect(text.code).toBe(0)
        // the skipped rows are annotated: op-reconcile's own commands still work
        expect(expectNothingForged(text).length).toBeGreaterThanOrEqual(6)
        expect(text.stdout).toContain("Ship it ## [stop-commands]x")

        const json = yield* run("reconcile", "--source", job.source, "--format", "json")
        expectNothingForged(json)
        // the JSON is still JSON, and every subject decodes to exactly what OpenProject holds
        const jsonText = json.stdout.slice(0, json.stdout.lastIndexOf("}") + 1)
        const plan = JSON.parse(jsonText) as { changes: ReadonlyArray<{ subject: string; from: string }> }
        const subjects = plan.changes.map((c) => c.subject)
        // (a password in a URL is the one thing no output prints, not even inside a JSON string)
        for (const [i, t] of texts.entries()) expect(subjects[i]).toBe(hideUrlCredentialsAfterScheme(t))
        expect(plan.changes[0]?.from).toBe(HOSTILE_STATUS)

        expectNothingForged(yield* run("reconcile", "--source", job.source, "--format", "markdown"))
      }),
    SLOW
  )

  it.scopedLive(
    "status and validate, and the table headers listed when the tracking table is not found",
    () =>
      Effect.gen(function* () {
        const { job, run } = yield* hostileJob
        expectNothingForged(yield* run("status", "--source", job.source))
        const status = yield* run("status", "--source", job.source, "--format", "json")
        expectNothingForged(status)
        expect(JSON.parse(status.stdout)).toBeTypeOf("object")
        expectNothingForged(yield* run("validate", "--source", job.source))
        const validate = yield* run("validate", "--source", job.source, "--format", "json")
        expectNothingForged(validate)
        expect(JSON.parse(validate.stdout)).toBeTypeOf("object")
        const notFound = yield* run(
          "validate",
          "--source",
          job.source,
          "--header",
          "A,B,C",
          "--id-column",
          "B",
          "--status-column",
          "C"
        )
        expect(notFound.code).toBe(1)
        expect(notFound.stderr).toContain("tracking table not found")
        expectNothingForged(notFound)
      }),
    SLOW
  )

  it.scopedLive(
    "a saved plan whose fields someone edited",
    () =>
      Effect.gen(function* () {
        const { job, run, planFile } = yield* hostileJob
        expectNothingForged(yield* run("reconcile", "--source", job.source, "--out", planFile))
        const saved = JSON.parse(readFileSync(planFile, "utf8")) as Record<string, unknown> & {
          source: Record<string, unknown>
        }
        const edited = join(job.dir, "edited.json")
        for (const edit of [
          { source: { ...saved.source, path: texts.join(" "), sha256: "0".repeat(64) } },
          { openProjectUrl: `https://x.example/${texts.join("/")}` },
          { formatVersion: texts.join(" ") }
        ]) {
          writeFileSync(edited, JSON.stringify({ ...saved, ...edit }))
          expectNothingForged(yield* run("reconcile", "--source", job.source, "--apply", "--plan", edited))
        }
      }),
    SLOW
  )

  it.scopedLive(
    "reconcile --apply: text, then json",
    () =>
      Effect.gen(function* () {
        const { sandbox, job, run } = yield* hostileJob
        expectNothingForged(yield* run("reconcile", "--source", job.source, "--apply", "--max-changes", "100"))
        expect(yield* sandbox.workPackage(1)).toMatchObject({ status: "In progress" })
        expectNothingForged(yield* run("reconcile", "--source", job.source, "--apply", "--format", "json"))
      }),
    SLOW
  )
})

/** A loopback server that answers every request with the body and status it is given. */
const hostileServer = (answer: { status: number; contentType: string; body: string }) =>
  Effect.acquireRelease(
    Effect.async<{ url: string; server: Http.Server }>((resume) => {
      const server = Http.createServer((_req, res) => {
        res.writeHead(answer.status, { "content-type": answer.contentType })
        res.end(answer.body)
      })
      server.listen(0, "127.0.0.1", () => {
        const address = server.address()
        const port = typeof address === "object" && address !== null ? address.port : 0
        resume(Effect.succeed({ url: `http://127.0.0.1:${port}`, server }))
      })
    }),
    ({ server }) =>
      Effect.async<void>((resume) => {
        server.closeAllConnections()
        server.close(() => resume(Effect.void))
      })
  )

const forged = "nope\n::error file=README.md,line=1::forged ##[add-mask]Closed \u001b[2J \u202eevil"

describe("hostile server messages in the final error, replayed through the Actions runner's parser", () => {
  it.scopedLive.each([
    {
      name: "a 403 with OpenProject's error body",
      status: 403,
      contentType: "application/hal+json",
      body: JSON.stringify({
        _type: "Error",
        errorIdentifier: "urn:openproject-org:api:v3:errors:MissingPermission",
        message: forged
      })
    },
    {
      name: "a 422 whose error identifier and attribute are hostile too",
      status: 422,
      contentType: "application/hal+json",
      body: JSON.stringify({
        _type: "Error",
        errorIdentifier: `urn:openproject-org:api:v3:errors:${forged}`,
        message: forged,
        _embedded: { details: { attribute: forged } }
      })
    },
    { name: "a 404 with a plain-text body", status: 404, contentType: "text/plain", body: `${forged}\n${forged}` },
    { name: "a 200 that is not JSON", status: 200, contentType: "text/html", body: `<html>${forged}</html>` },
    {
      name: "a 200 whose fields are hostile",
      status: 200,
      contentType: "application/hal+json",
      body: JSON.stringify({ _type: "Collection", total: forged, _embedded: { elements: [{ name: forged }] } })
    }
  ])(
    "$name",
    ({ status, contentType, body }) =>
      Effect.gen(function* () {
        const server = yield* hostileServer({ status, contentType, body })
        const job = actionsJob(server.url)
        for (const args of [
          ["reconcile", "--source", job.source],
          ["reconcile", "--source", job.source, "--format", "json"],
          ["status", "--source", job.source]
        ]) {
          const run = yield* runCli(args, job.env)
          expect(run.code).toBe(1)
          expect(run.stderr).toContain("op-reconcile: error:")
          expectNothingForged(run)
        }
      }),
    SLOW
  )

  it.scopedLive(
    "credentials in OPENPROJECT_URL are never printed, even when the URL does not parse",
    () =>
      Effect.gen(function* () {
        for (const url of [
          "https://user:s3cret@host:99999",
          "https://user:s3cret@op.example.com",
          "https//user:s3cret@x"
        ]) {
          const job = actionsJob(url)
          const run = yield* runCli(["reconcile", "--source", job.source], job.env)
          expect(run.code).toBe(1)
          expect(run.stderr).toContain("OPENPROJECT_URL")
          expectNothingForged(run)
          const flag = yield* runCli(["status", "--source", job.source, "--url", url], job.env)
          expect(flag.code).toBe(1)
          expectNothingForged(flag)
        }
      }),
    SLOW
  )
})
