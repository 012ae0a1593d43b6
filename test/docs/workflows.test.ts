import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { parse } from "yaml"

/** What the example workflows promise about keys and pins (README, "Use it in GitHub Actions" and "Security"). */

const SYNC = "examples/workflows/op-reconcile.yml"
const PR = "examples/workflows/op-reconcile-pr.yml"
const MATRIX = "examples/workflows/op-reconcile-matrix.yml"
const text = (file: string) => readFileSync(file, "utf8")
// a GitHub expression as the workflow spells it, not a template placeholder
const secret = (name: string) => `api-key: $${"{{"} secrets.${name} }}`

const usesLines = (file: string) =>
  text(file)
    .split("\n")
    .map((line) => /^\s*(?:-\s+)?uses:\s*(.+)$/.exec(line)?.[1]?.trim())
    .filter((uses): uses is string => uses !== undefined)

describe("example workflows", () => {
  it.each([SYNC, PR, MATRIX])(
    "%s pins every third-party action by full commit SHA, with its tag in a comment",
    (file) => {
      const thirdParty = usesLines(file).filter((uses) => !uses.startsWith("./") && !uses.startsWith("OWNER/"))
      expect(thirdParty.length).toBeGreaterThan(0)
      for (const uses of thirdParty) expect(uses).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$/)
    }
  )

  it.each([SYNC, PR, MATRIX, ".github/workflows/ci.yml", ".github/workflows/reconcile-smoke.yml"])(
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

  it("many teams: one job per config of the matrix, each in a concurrency group of its config, none cancelled", () => {
    const workflow = parse(text(MATRIX)) as {
      jobs: Record<
        string,
        {
          environment?: string
          strategy: { "fail-fast": boolean; matrix: { config: ReadonlyArray<string> } }
          concurrency: { group: string; "cancel-in-progress": boolean }
          steps: ReadonlyArray<{ uses?: string; with?: Record<string, string> }>
        }
      >
    }
    const [job, ...others] = Object.values(workflow.jobs)
    expect(others).toEqual([])
    if (job === undefined) return
    expect(job.environment).toBe("openproject-sync")
    expect(job.strategy["fail-fast"]).toBe(false)
    expect(job.strategy.matrix.config.length).toBeGreaterThan(1)
    const matrixConfig = `$${"{{"} matrix.config }}`
    expect(job.concurrency.group).toContain(matrixConfig)
    expect(job.concurrency["cancel-in-progress"]).toBe(false)
    const action = job.steps.find((step) => step.uses?.startsWith("OWNER/op-reconcile@"))
    expect(action?.with?.config).toBe(matrixConfig)
    expect(action?.with?.source).toBeUndefined()
  })
})
