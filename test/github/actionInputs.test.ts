import { spawnSync } from "node:child_process"
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "@effect/vitest"
import { extractRunBlocks } from "../../scripts/extract-run-blocks.mjs"

/**
 * The action's run step, run by bash as the runner runs it, with the inputs in its environment and a stand-in
 * bundle that records the arguments it was given: which flags each input becomes.
 */

const runStep = (() => {
  const blocks = extractRunBlocks(readFileSync("action.yml", "utf8"), "action.yml")
  const step = blocks.find((block) => block.where.includes("Run op-reconcile"))
  if (step === undefined) throw new Error("action.yml has no 'Run op-reconcile' step")
  return step.script
})()

const dirs: Array<string> = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const DEFAULTS: Record<string, string> = {
  INPUT_SOURCE: "plan.md",
  INPUT_MODE: "dry-run",
  INPUT_MAX_CHANGES: "25",
  INPUT_COMMENT: "false",
  INPUT_FAIL_ON_REFUSED: "false",
  INPUT_STRICT: "false",
  INPUT_ROUTES: "",
  INPUT_HEADER: "",
  INPUT_ID_COLUMN: "",
  INPUT_STATUS_COLUMN: "",
  INPUT_AUTH: "basic",
  INPUT_NOTIFY: "false",
  INPUT_NO_COMMENT: "false"
}

/** The arguments the action passes to op-reconcile for these inputs. */
const argsFor = (inputs: Record<string, string>): ReadonlyArray<string> => {
  const dir = mkdtempSync(join(tmpdir(), "op-reconcile-action-"))
  dirs.push(dir)
  mkdirSync(join(dir, "dist"))
  writeFileSync(
    join(dir, "dist", "op-reconcile.js"),
    `require("node:fs").writeFileSync(${JSON.stringify(join(dir, "args.json"))}, JSON.stringify(process.argv.slice(2)))\n`
  )
  writeFileSync(join(dir, "dist", "package.json"), '{ "type": "commonjs" }\n')
  const run = spawnSync("bash", ["-e", "-c", runStep], {
    cwd: dir,
    encoding: "utf8",
    env: {
      PATH: process.env.PATH ?? "",
      GITHUB_ACTION_PATH: dir,
      GITHUB_OUTPUT: join(dir, "output"),
      GITHUB_STEP_SUMMARY: join(dir, "summary"),
      RUNNER_TEMP: dir,
      ...DEFAULTS,
      ...inputs
    }
  })
  expect(run.status, run.stderr).toBe(0)
  return JSON.parse(readFileSync(join(dir, "args.json"), "utf8"))
}

describe("the action's inputs reach op-reconcile as its flags", () => {
  it("the table options go to every mode", () => {
    const table = {
      INPUT_HEADER: "Item,Owner,Ticket,State",
      INPUT_ID_COLUMN: "Ticket",
      INPUT_STATUS_COLUMN: "State"
    }
    const expected = ["--header", "Item,Owner,Ticket,State", "--id-column", "Ticket", "--status-column", "State"]
    for (const mode of ["dry-run", "apply", "validate"]) {
      const args = argsFor({ ...table, INPUT_MODE: mode })
      const at = args.indexOf("--header")
      expect(args.slice(at, at + expected.length)).toEqual(expected)
    }
  })

  it("auth goes to the runs that talk to OpenProject; notify and no-comment to an apply", () => {
    const apply = argsFor({ INPUT_MODE: "apply", INPUT_AUTH: "bearer", INPUT_NOTIFY: "true", INPUT_NO_COMMENT: "true" })
    expect(apply).toEqual(expect.arrayContaining(["--apply", "--notify", "--no-comment"]))
    expect(apply[apply.indexOf("--auth") + 1]).toBe("bearer")
    const dry = argsFor({ INPUT_NOTIFY: "true", INPUT_NO_COMMENT: "true" })
    expect(dry).toContain("--dry-run")
    expect(dry).not.toContain("--notify")
    expect(dry).not.toContain("--no-comment")
  })

  it("strict goes to every mode as --strict, and only when true", () => {
    for (const mode of ["dry-run", "apply", "validate"]) {
      expect(argsFor({ INPUT_MODE: mode, INPUT_STRICT: "true" })).toContain("--strict")
      expect(argsFor({ INPUT_MODE: mode })).not.toContain("--strict")
    }
  })

  it("empty table inputs add no flag: the runbook's table is read", () => {
    const args = argsFor({})
    expect(args).not.toContain("--header")
    expect(args).not.toContain("--id-column")
    expect(args).not.toContain("--status-column")
    expect(args.slice(0, 3)).toEqual(["reconcile", "--source", "plan.md"])
  })

  it("config replaces source in every mode; an empty max-changes leaves the guard to the config", () => {
    const config = { INPUT_SOURCE: "", INPUT_CONFIG: "teams/a/op-reconcile.yml" }
    for (const mode of ["dry-run", "apply", "validate"]) {
      const args = argsFor({ ...config, INPUT_MODE: mode, INPUT_MAX_CHANGES: "" })
      expect(args.slice(1, 3)).toEqual(["--config", "teams/a/op-reconcile.yml"])
      expect(args).not.toContain("--source")
      expect(args).not.toContain("--max-changes")
    }
    const given = argsFor({ ...config, INPUT_MAX_CHANGES: "40" })
    expect(given[given.indexOf("--max-changes") + 1]).toBe("40")
    expect(argsFor({ INPUT_MAX_CHANGES: "" })).not.toContain("--max-changes")
  })
})
