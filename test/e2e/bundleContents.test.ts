import { spawnSync } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterAll, describe, expect, inject, it } from "vitest"
import { plainTable } from "../hostile/corpus.js"

const BUNDLE = inject("e2eBundle")

/**
 * What the CLI's bundle must not carry: the undici package (about 550 KB, 112 modules), which the barrel
 * import of @effect/platform-node brings in with NodeHttpClient. The CLI talks to OpenProject over node:http
 * (src/openproject/NodeHttpTransport.ts); evaluating undici cost every run's start-up. Its name appears
 * nowhere else in the minified bundle, so its absence is the check.
 */
describe("the built CLI's bundle", () => {
  it("holds no copy of undici", () => {
    const cli = readFileSync(join(dirname(BUNDLE), "chunks", "cli.cjs"), "utf8")
    expect(cli.length).toBeGreaterThan(100_000)
    expect(cli).not.toContain("undici")
  })
})

const dir = mkdtempSync(join(tmpdir(), "op-reconcile-bundle-e2e-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/**
 * The bundle is CommonJS (dist/package.json), so that on Node 20 neither the entry nor the parse worker
 * pays for setting up Node's ES module loader: a preload reports, as each thread ends, whether that loader's
 * modules were ever loaded in it.
 */
describe("the built CLI as CommonJS", () => {
  it("declares its files CommonJS, and runs validate without loading an ES module in any thread", () => {
    expect(JSON.parse(readFileSync(join(dirname(BUNDLE), "package.json"), "utf8"))).toEqual({ type: "commonjs" })
    const preload = join(dir, "report-esm-loader.cjs")
    writeFileSync(
      preload,
      `process.on("exit", () => require("node:fs").writeSync(2, "esm-loader " +
        (require("node:worker_threads").isMainThread ? "main" : "worker") + " " +
        process.moduleLoadList.includes("NativeModule internal/modules/esm/module_job") + "\\n"))\n`
    )
    const plan = join(dir, "plan.md")
    writeFileSync(plan, plainTable(100))
    const run = spawnSync(process.execPath, ["-r", preload, BUNDLE, "validate", "--source", plan], {
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" },
      encoding: "utf8"
    })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain("valid: 100 row(s) to sync")
    const reports = run.stderr.split("\n").filter((line) => line.startsWith("esm-loader "))
    expect(reports).toContain("esm-loader main false")
    expect(reports.filter((line) => line.endsWith(" true"))).toEqual([])
  })
})
