import { spawnSync } from "node:child_process"
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterEach, describe, expect, it } from "vitest"

/**
 * scripts/check-dist.mjs, run as CI runs it, in a small git repository of its own: a build script that
 * turns src/ into dist/ the way scripts/build.mjs does (empties dist/, then writes it), so each test can
 * commit a bundle that matches, is stale, or was edited by hand.
 */

const CHECK_DIST = join(import.meta.dirname, "..", "..", "scripts", "check-dist.mjs")
const MESSAGE = "the committed bundle is out of date: run npm run build and commit dist/"

const FAKE_BUILD = `
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
rmSync("dist", { recursive: true, force: true })
mkdirSync("dist/chunks", { recursive: true })
writeFileSync("dist/op-reconcile.js", "// built\\n" + readFileSync("src/bin.ts", "utf8"))
writeFileSync("dist/chunks/run.js", "// chunk\\n")
`

const dirs: Array<string> = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

const gitEnv = {
  ...process.env,
  GIT_AUTHOR_NAME: "op-reconcile tests",
  GIT_AUTHOR_EMAIL: "tests@example.invalid",
  GIT_COMMITTER_NAME: "op-reconcile tests",
  GIT_COMMITTER_EMAIL: "tests@example.invalid"
}

const inRepo = (dir: string, command: string, args: ReadonlyArray<string>) =>
  spawnSync(command, args, { cwd: dir, encoding: "utf8", env: gitEnv })

const git = (dir: string, ...args: ReadonlyArray<string>) => {
  const result = inRepo(dir, "git", ["-c", "commit.gpgsign=false", ...args])
  expect(result.status, result.stderr).toBe(0)
}

/** A repository whose committed dist/ is what its build makes from src/. */
const repoWithBundle = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "check-dist-"))
  dirs.push(dir)
  mkdirSync(join(dir, "scripts"))
  mkdirSync(join(dir, "src"))
  writeFileSync(join(dir, "scripts", "build.mjs"), FAKE_BUILD)
  copyFileSync(CHECK_DIST, join(dir, "scripts", "check-dist.mjs"))
  writeFileSync(join(dir, "src", "bin.ts"), "export const version = 1\n")
  git(dir, "init", "-q")
  expect(inRepo(dir, process.execPath, ["scripts/build.mjs"]).status).toBe(0)
  git(dir, "add", "-A")
  git(dir, "commit", "-qm", "sources and their bundle")
  return dir
}

const checkDist = (dir: string) => inRepo(dir, process.execPath, ["scripts/check-dist.mjs"])

describe("scripts/check-dist.mjs", () => {
  it("passes when the committed bundle is what the sources build to", () => {
    const run = checkDist(repoWithBundle())
    expect(run.stderr).toBe("")
    expect(run.status).toBe(0)
    expect(run.stdout).toContain("the committed bundle matches the sources")
  })

  it("fails on a stale bundle: a source changed and dist/ was not rebuilt", () => {
    const dir = repoWithBundle()
    writeFileSync(join(dir, "src", "bin.ts"), "export const version = 2\n")
    git(dir, "commit", "-qam", "a source change without its bundle")
    const run = checkDist(dir)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(MESSAGE)
    expect(run.stderr).toContain("dist/op-reconcile.js")
  })

  it("fails on a bundle edited by hand, and names the file", () => {
    const dir = repoWithBundle()
    writeFileSync(join(dir, "dist", "chunks", "run.js"), "// patched in place\n")
    git(dir, "commit", "-qam", "an edited bundle")
    const run = checkDist(dir)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain(MESSAGE)
    expect(run.stderr).toContain("dist/chunks/run.js")
  })

  it("fails when the build makes a file that is not committed (a new chunk)", () => {
    const dir = repoWithBundle()
    git(dir, "rm", "-q", "dist/chunks/run.js")
    git(dir, "commit", "-qm", "a chunk left out")
    const run = checkDist(dir)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain("?? dist/chunks/run.js")
  })

  it("fails when dist/ is not committed at all", () => {
    const dir = repoWithBundle()
    git(dir, "rm", "-rq", "--cached", "dist")
    git(dir, "commit", "-qm", "no bundle")
    const run = checkDist(dir)
    expect(run.status).toBe(1)
    expect(run.stderr).toContain("dist/ is not committed")
  })
})
