import { execFile } from "node:child_process"
import { readFileSync } from "node:fs"
import { join } from "node:path"
import { FileSystem } from "@effect/platform"
import { NodeFileSystem } from "@effect/platform-node"
import { describe, expect, it } from "@effect/vitest"
import { Effect, Schema } from "effect"
import { extractRunBlocks } from "../../scripts/extract-run-blocks.mjs"
import { startSandbox } from "../../src/sandbox/Sandbox.js"
import { REPO_ROOT } from "./support/cli.js"
import { planDocument } from "./support/planDocument.js"
import { API_KEY } from "./support/scenario.js"

/**
 * The composite action's `config` input, its two bash steps run as the runner runs them (bash, inputs
 * only through env) against the sandbox: a config's plans in one run, and the inputs checked first.
 */

const blocks = extractRunBlocks(readFileSync(join(REPO_ROOT, "action.yml"), "utf8"), "action.yml")
const step = (name: string) => {
  const block = blocks.find((b: { where: string }) => b.where.endsWith(`> ${name}`))
  if (block === undefined) throw new Error(`action.yml has no step ${name}`)
  return String(block.script)
}

const bash = (script: string, env: Record<string, string>, cwd: string) =>
  Effect.async<{ code: number; stdout: string; stderr: string }>((resume) => {
    const child = execFile(
      "bash",
      ["-e", "-o", "pipefail", "-c", script],
      { cwd, env: { PATH: process.env.PATH ?? "", NO_COLOR: "1", ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resume(
          Effect.succeed({
            code: error === null ? 0 : typeof error.code === "number" ? error.code : -1,
            stdout,
            stderr
          })
        )
    )
    return Effect.sync(() => {
      child.kill()
    })
  })

const outputsOf = (text: string) =>
  Object.fromEntries(
    text
      .split("\n")
      .filter((l) => l.includes("="))
      .map((l) => [l.slice(0, l.indexOf("=")), l.slice(l.indexOf("=") + 1)])
  )

describe("the action's config input (its steps in bash against the sandbox)", () => {
  it.scopedLive(
    "runs every plan of a config in one run, the URL and the guard from the config; refuses source and config together",
    () =>
      Effect.gen(function* () {
        const fs = yield* FileSystem.FileSystem
        const sandbox = yield* startSandbox({
          apiKey: API_KEY,
          workPackages: [1, 2].map((id) => ({ id, subject: `Work package ${id}`, status: "New" }))
        })
        const dir = yield* fs.makeTempDirectoryScoped({ prefix: "op-reconcile-e2e-action-" })
        yield* fs.writeFileString(
          `${dir}/op-reconcile.yml`,
          [
            "version: 1",
            "openproject:",
            `  url: ${sandbox.url}`,
            "maxChanges: 1",
            "plans:",
            "  - source: A.md",
            "  - source: B.md",
            ""
          ].join("\n")
        )
        yield* fs.writeFileString(`${dir}/A.md`, planDocument([{ workPackageId: 1, state: "In progress" }]))
        yield* fs.writeFileString(`${dir}/B.md`, planDocument([{ workPackageId: 2, state: "Closed" }]))
        const outputs = `${dir}/outputs`
        const env = {
          MODE: "dry-run",
          API_KEY,
          OPENPROJECT_URL: "",
          INPUT_SOURCE: "",
          INPUT_CONFIG: "op-reconcile.yml",
          GITHUB_OUTPUT: outputs,
          RUNNER_TEMP: dir
        }
        const check = yield* bash(step("Check the inputs"), env, dir)
        expect(check.stdout).toBe("")
        expect(check.code).toBe(0)
        expect(outputsOf(yield* fs.readFileString(outputs))).toEqual({ skip: "false" })

        const run = yield* bash(
          step("Run op-reconcile"),
          {
            ...env,
            GITHUB_ACTION_PATH: REPO_ROOT,
            OPENPROJECT_API_KEY: API_KEY,
            INPUT_MODE: "dry-run",
            INPUT_MAX_CHANGES: "",
            INPUT_COMMENT: "false",
            INPUT_FAIL_ON_REFUSED: "false",
            INPUT_ROUTES: "",
            INPUT_AUTH: "basic"
          },
          dir
        )
        expect(run.stderr).not.toContain("error")
        expect(run.code).toBe(0)
        expect(run.stdout).toMatch(/^A\.md:\n {2}~ wp#1\s+New → In progress/m)
        expect(run.stdout).toMatch(/^B\.md:\n {2}~ wp#2\s+New → Closed/m)
        expect(outputsOf(yield* fs.readFileString(outputs))).toMatchObject({ "exit-code": "0" })
        const plans = (yield* fs.readDirectory(dir)).filter((n) => n.startsWith("op-reconcile-") && n.endsWith(".json"))
        expect(plans).toHaveLength(1)
        const saved = Schema.decodeUnknownSync(
          Schema.parseJson(Schema.Struct({ config: Schema.Struct({ path: Schema.String }) }))
        )(yield* fs.readFileString(`${dir}/${plans[0]}`))
        expect(saved.config.path).toBe("op-reconcile.yml")

        // An empty max-changes defers to the config's maxChanges (1 here): the apply of two changes is
        // refused before any write; max-changes 5 from the workflow lets it through.
        const applyEnv = {
          ...env,
          MODE: "apply",
          GITHUB_ACTION_PATH: REPO_ROOT,
          OPENPROJECT_API_KEY: API_KEY,
          INPUT_MODE: "apply",
          INPUT_MAX_CHANGES: "",
          INPUT_COMMENT: "false",
          INPUT_FAIL_ON_REFUSED: "false",
          INPUT_ROUTES: "",
          INPUT_AUTH: "basic",
          INPUT_NOTIFY: "false",
          INPUT_NO_COMMENT: "false"
        }
        yield* sandbox.clearRequestLog
        const guarded = yield* bash(step("Run op-reconcile"), applyEnv, dir)
        expect(guarded.code).toBe(1)
        expect(guarded.stderr).toContain("the plan would transition 2 work packages, more than --max-changes 1 allows")
        expect(yield* sandbox.countRequests({ method: "PATCH" })).toBe(0)
        const applied = yield* bash(step("Run op-reconcile"), { ...applyEnv, INPUT_MAX_CHANGES: "5" }, dir)
        expect(applied.stderr).not.toMatch(/error/i)
        expect(applied.code).toBe(0)
        expect((yield* sandbox.workPackage(1))?.status).toBe("In progress")
        expect((yield* sandbox.workPackage(2))?.status).toBe("Closed")

        const both = yield* bash(step("Check the inputs"), { ...env, INPUT_SOURCE: "A.md" }, dir)
        expect(both.code).toBe(1)
        expect(both.stdout).toContain(
          "::error title=op-reconcile::give the source input (one plan) or the config input"
        )
        const neither = yield* bash(step("Check the inputs"), { ...env, INPUT_CONFIG: "" }, dir)
        expect(neither.code).toBe(1)
        expect(neither.stdout).toContain("give the source input (a markdown plan) or the config input")
        // A config names each plan's table: the table inputs would be ignored, so they are refused.
        const table = yield* bash(step("Check the inputs"), { ...env, INPUT_HEADER: "Story,OP,State" }, dir)
        expect(table.code).toBe(1)
        expect(table.stdout).toContain("with config, write each plan's table in the config (plans[].table)")
        // A single plan still needs the URL from the workflow.
        const noUrl = yield* bash(step("Check the inputs"), { ...env, INPUT_CONFIG: "", INPUT_SOURCE: "A.md" }, dir)
        expect(noUrl.code).toBe(1)
        expect(noUrl.stdout).toContain("openproject-url is empty")
      }).pipe(Effect.provide(NodeFileSystem.layer)),
    90_000
  )
})
