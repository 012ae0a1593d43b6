import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { VERSION } from "../../src/cli/version.js"

const readme = readFileSync("README.md", "utf8")

const embedded = (file: string): string | undefined => {
  const start = readme.indexOf(`<summary><code>${file}</code></summary>\n\n\`\`\`yaml\n`)
  if (start < 0) return undefined
  const body = readme.slice(readme.indexOf("```yaml\n", start) + "```yaml\n".length)
  return body.slice(0, body.indexOf("```\n"))
}

describe("README", () => {
  it("opens with the demo and the test command", () => {
    const head = readme.split("\n").slice(0, 15).join("\n")
    expect(head).toContain("npm ci && npm run demo")
    expect(head).toContain("npm test")
  })

  // The workflows a user copies from the README must be the ones that are linted and tested.
  it.each(["examples/workflows/op-reconcile.yml", "examples/workflows/op-reconcile-pr.yml"])(
    "embeds %s exactly as it is in the repository",
    (file) => {
      expect(embedded(file)).toBe(readFileSync(file, "utf8"))
    }
  )
})

describe("version", () => {
  it("is the version in package.json", () => {
    const pkg: unknown = JSON.parse(readFileSync("package.json", "utf8"))
    expect(pkg).toMatchObject({ version: VERSION })
  })
})
