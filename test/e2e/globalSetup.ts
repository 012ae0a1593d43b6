import { execFileSync } from "node:child_process"
import { readdirSync, statSync } from "node:fs"
import { join } from "node:path"

/**
 * The end-to-end tests run the bundle a user installs (dist/op-reconcile.js), so it must be built from the
 * current sources. Rebuilding only when a source is newer keeps unrelated test runs fast, and avoids
 * deleting dist/ under another test run that is using it.
 */

const REPO_ROOT = join(import.meta.dirname, "..", "..")
const BUNDLE = join(REPO_ROOT, "dist", "op-reconcile.js")

const newestMtime = (path: string): number => {
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return readdirSync(path).reduce((newest, name) => Math.max(newest, newestMtime(join(path, name))), stat.mtimeMs)
}

const bundleMtime = (): number => {
  try {
    return statSync(BUNDLE).mtimeMs
  } catch {
    return 0
  }
}

export default function setup(): void {
  const inputs = ["src", "scripts/build.mjs", "package.json"].map((p) => newestMtime(join(REPO_ROOT, p)))
  if (bundleMtime() > Math.max(...inputs)) return
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: REPO_ROOT, stdio: "inherit" })
}
