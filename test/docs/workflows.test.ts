import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"

/** What the example workflows promise about keys and pins (README, "Use it in GitHub Actions" and "Security"). */

const SYNC = "examples/workflows/op-reconcile.yml"
const PR = "examples/workflows/op-reconcile-pr.yml"
const text = (file: string) => readFileSync(file, "utf8")
// a GitHub expression as the workflow spells it, not a template placeholder
const secret = (name: string) => `api-key: $${"{{"} secrets.${name} }}`

const usesLines = (file: string) =>
  text(file)
    .split("\n")
    .map((line) => /^\s*(?:-\s+)?uses:\s*(.+)$/.exec(line)?.[1]?.trim())
    .filter((uses): uses is string => uses !== undefined)

describe("example workflows", () => {
  it.each([SYNC, PR])("%s pins every third-party action by full commit SHA, with its tag in a comment", (file) => {
    const thirdParty = usesLines(file).filter((uses) => !uses.startsWith("./") && !uses.startsWith("OWNER/"))
    expect(thirdParty.length).toBeGreaterThan(0)
    for (const uses of thirdParty) expect(uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
  })

  it.each([SYNC, PR, ".github/workflows/ci.yml", ".github/workflows/reconcile-smoke.yml"])(
    "%s checks out without persisting the token",
    (file) => {
      const checkouts = text(file).match(/uses: actions\/checkout@[^\n]*\n\s+with:\n\s+persist-credentials: false/g)
      expect(checkouts?.length).toBe(usesLines(file).filter((u) => u.startsWith("actions/checkout@")).length)
    }
  )

  it("a pull request plans with the read-only key and never sees the key that may write", () => {
    expect(text(PR)).toContain(secret("OPENPROJECT_READ_API_KEY"))
    expect(text(PR)).not.toContain("secrets.OPENPROJECT_API_KEY")
  })

  it("the key that may write is read only in the sync job's environment", () => {
    const workflow = parse(text(SYNC)) as { jobs: Record<string, { environment?: string }> }
    expect(Object.values(workflow.jobs).map((job) => job.environment)).toEqual(["openproject-sync"])
    expect(text(SYNC)).toContain(secret("OPENPROJECT_API_KEY"))
  })
})
