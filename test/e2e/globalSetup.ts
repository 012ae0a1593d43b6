import { execFileSync } from "node:child_process"
import { cpSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs"
import { join } from "node:path"
import type { TestProject } from "vitest/node"

/**
 * The end-to-end tests run the bundle a user installs (dist/op-reconcile.js), so it must be built from the
 * current sources. It is rebuilt only when a source is newer, and the tests run a private copy of it: the
 * build empties dist/ first, and another test run in the same checkout may rebuild while these tests run.
 */

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute path of the copy of dist/op-reconcile.js the end-to-end tests run. */
    e2eBundle: string
  }
}

const REPO_ROOT = join(import.meta.dirname, "..", "..")
const DIST = join(REPO_ROOT, "dist")
const BUNDLE_NAME = "op-reconcile.js"

const newestMtime = (path: string): number => {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

const bundleMtime = (): number => {
  try {
    return statSync(join(DIST, BUNDLE_NAME)).mtimeMs
  } catch {
    return 0
  }
}

const build = () => execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: REPO_ROOT, stdio: "inherit" })

/** A copy is usable when its entry and its lazily loaded command chunks belong together. */
const smokeTest = (bundle: string): boolean => {
  try {
    execFileSync(process.execPath, [bundle, "validate", "--source", "examples/F1_BUY_BOOST_PLAN.md"], {
      cwd: REPO_ROOT,
      stdio: "ignore",
      env: { PATH: process.env.PATH ?? "", NO_COLOR: "1" }
    })
    return true
  } catch {
    return false
  }
}

export default function setup({ provide }: TestProject): () => void {
  const inputs = ["src", "scripts/build.mjs", "package.json"].map((p) => newestMtime(join(REPO_ROOT, p)))
  if (bundleMtime() <= Math.max(...inputs)) build()

  const copy = join(REPO_ROOT, ".tmp", `e2e-bundle-${process.pid}`)
  const bundle = join(copy, BUNDLE_NAME)
  for (let attempt = 1; ; attempt++) {
    rmSync(copy, { recursive: true, force: true })
    mkdirSync(copy, { recursive: true })
    try {
      cpSync(DIST, copy, { recursive: true })
      if (smokeTest(bundle)) break
    } catch {
      // dist/ was being rebuilt by another run while it was copied: build and copy again.
    }
    if (attempt === 3) throw new Error(`cannot make a working copy of ${DIST} in ${copy}`)
    build()
  }
  provide("e2eBundle", bundle)
  return () => rmSync(copy, { recursive: true, force: true })
}
