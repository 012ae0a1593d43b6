#!/usr/bin/env node
// Fails when the committed bundle (dist/) is not what `npm run build` makes from the sources: the action runs
// dist/ as committed (action.yml installs and builds nothing), so a stale bundle would ship old behaviour.
// The check-dist convention of GitHub's JavaScript action template: rebuild, then compare with git.
// Run from the repository root (CI does); `node scripts/check-dist.mjs` after committing.
import { spawnSync } from "node:child_process"

const OUT_OF_DATE = "the committed bundle is out of date: run npm run build and commit dist/"

const git = (...args) => spawnSync("git", args, { encoding: "utf8" })

const build = spawnSync(process.execPath, ["scripts/build.mjs"], { stdio: "inherit" })
if (build.status !== 0) {
  console.error("check-dist: npm run build failed (see above); the bundle could not be compared.")
  process.exit(1)
}

const tracked = git("ls-files", "--", "dist")
if (tracked.status !== 0) {
  console.error(`check-dist: git failed: ${tracked.stderr.trim()}`)
  process.exit(1)
}
if (tracked.stdout.trim() === "") {
  console.error(`check-dist: dist/ is not committed; ${OUT_OF_DATE}.`)
  process.exit(1)
}

// Modified, deleted and new files under dist/, compared with the last commit (a staged bundle is not committed).
const status = git("status", "--porcelain", "--untracked-files=all", "--", "dist")
const changed = status.stdout.split("\n").filter((line) => line.trim() !== "")
if (status.status !== 0 || changed.length > 0) {
  console.error(`check-dist: ${OUT_OF_DATE}. Files that differ from the rebuilt bundle:`)
  for (const line of changed) console.error(`  ${line}`)
  process.exit(1)
}
console.log("check-dist: the committed bundle matches the sources.")
