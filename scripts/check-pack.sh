#!/usr/bin/env bash
# The package as a user installs it: `npm pack`, then installed with no dev dependencies (in a project, and
# globally into a prefix of its own), then run as `op-reconcile` and as `npx op-reconcile`.
# Usage: bash scripts/check-pack.sh   (needs the npm registry, or npm's cache, for the runtime dependencies)
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/op-reconcile-pack-XXXXXX")"
trap 'rm -rf "$work"' EXIT
fail() { echo "check-pack: $*" >&2; exit 1; }

# dist/ is committed and checked by check-dist, so the tarball is packed as it is (no prepack rebuild).
tarball="$work/$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)"
[ -f "$tarball" ] || fail "npm pack made no tarball"
version="$(node -p 'require("./package.json").version')"
example="$repo/examples/F1_BUY_BOOST_PLAN.md"

# In a project: npm install with --omit=dev, as `npm install op-reconcile` does for a dependency.
mkdir "$work/project"
(
  cd "$work/project"
  echo '{ "name": "uses-op-reconcile", "private": true }' >package.json
  npm install --omit=dev --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
  # Nothing that only the development needs: no package the lock marks dev-only (vitest, typescript, …).
  dev_only="$(node -e '
    const lock = require(process.argv[1])
    const fs = require("node:fs")
    const nameOf = (path) => path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length)
    const entries = Object.entries(lock.packages).filter(([path]) => path !== "")
    // a name the runtime needs anywhere (effect brings its own fast-check) is not dev-only
    const runtime = new Set(entries.filter(([, p]) => p.dev !== true).map(([path]) => nameOf(path)))
    const devOnly = new Set(entries.filter(([path, p]) => p.dev === true && !runtime.has(nameOf(path))).map(([path]) => nameOf(path)))
    console.log([...devOnly].filter((name) => fs.existsSync(`node_modules/${name}`)).join(" "))
  ' "$repo/package-lock.json")"
  [ -z "$dev_only" ] || fail "dev-only packages were installed: $dev_only"
  [ "$(./node_modules/.bin/op-reconcile --version)" = "$version" ] || fail "op-reconcile --version is not $version"
  [ "$(npx --no-install op-reconcile --version)" = "$version" ] || fail "npx op-reconcile --version is not $version"
  npx --no-install op-reconcile validate --source "$example" >/dev/null 2>&1 || fail "npx op-reconcile validate failed"
)

# Globally, into a prefix of its own (npm install -g).
npm install -g --prefix "$work/global" --no-audit --no-fund --loglevel=error "$tarball" >/dev/null
[ "$("$work/global/bin/op-reconcile" --version)" = "$version" ] || fail "the global op-reconcile --version is not $version"
"$work/global/bin/op-reconcile" validate --source "$example" >/dev/null 2>&1 || fail "the global op-reconcile validate failed"

echo "check-pack: $(basename "$tarball") installs without dev dependencies and runs as op-reconcile and npx op-reconcile"
