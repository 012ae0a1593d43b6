import { readFileSync } from "node:fs"
import { describe, expect, it } from "@effect/vitest"
import { extractRunBlocks, maskExpressions } from "../../scripts/extract-run-blocks.mjs"

const workflow = `name: x
on: push
defaults:
  run:
    shell: bash
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - name: one line
        run: echo "\${{ github.sha }}"
      - name: block
        run: |
          echo first
          echo second
  windows:
    runs-on: windows-latest
    defaults:
      run:
        shell: pwsh
    steps:
      - run: Write-Output hi
`

describe("extractRunBlocks", () => {
  it("finds every run: script with the YAML line its text starts on and its shell", () => {
    expect(extractRunBlocks(workflow, "w.yml")).toEqual([
      { file: "w.yml", line: 12, shell: "bash", script: `echo "$\{{ github.sha }}"`, where: "jobs.build > one line" },
      { file: "w.yml", line: 15, shell: "bash", script: "echo first\necho second\n", where: "jobs.build > block" },
      { file: "w.yml", line: 23, shell: "pwsh", script: "Write-Output hi", where: "jobs.windows > step 1" }
    ])
  })

  it("reads the steps of the composite action", () => {
    const blocks = extractRunBlocks(readFileSync("action.yml", "utf8"), "action.yml")
    expect(blocks.length).toBeGreaterThanOrEqual(2)
    expect(blocks.every((block) => block.shell === "bash" && block.where.startsWith("runs > "))).toBe(true)
  })

  it("the action installs and builds nothing: it runs the committed bundle on the runner's Node", () => {
    const action = readFileSync("action.yml", "utf8")
    const scripts = extractRunBlocks(action, "action.yml").map((block) => block.script)
    for (const script of scripts) expect(script).not.toMatch(/\b(npm|npx|yarn|pnpm)\b|scripts\/build|esbuild/)
    expect(action).not.toMatch(/uses:\s*actions\/setup-node/)
    expect(scripts.join("\n")).toContain('node "$cli"')
    expect(scripts.join("\n")).toContain("$GITHUB_ACTION_PATH/dist/op-reconcile.js")
  })

  it("the action never echoes the mode input into a workflow command", () => {
    const [check] = extractRunBlocks(readFileSync("action.yml", "utf8"), "action.yml")
    const commandLines = (check?.script ?? "")
      .split("\n")
      .filter((line) => line.includes("::error") || line.includes("::warning"))
    expect(commandLines.length).toBeGreaterThan(0)
    for (const line of commandLines) expect(line).not.toMatch(/\$\{?(MODE|INPUT_|API_KEY|OPENPROJECT_URL)/)
  })

  it("masks expressions with underscores of the same length, keeping lines", () => {
    const open = "$" + "{{" // a GitHub expression in a script, not a template placeholder
    expect(maskExpressions(`echo "${open} inputs.a }}"\n${open}\n x }}`)).toBe('echo "_______________"\n___\n_____')
  })
})
