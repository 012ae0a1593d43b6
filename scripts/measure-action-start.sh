#!/usr/bin/env bash
# Seconds from the action's first step to the plan, in a simulated GitHub Actions job: a fresh clone of this
# repository as the action's checkout ($GITHUB_ACTION_PATH), a fresh clone as the workspace, GITHUB_* set, the
# action's steps run as action.yml runs them, against the OpenProject sandbox.
#   before: the action as it was, `npm ci` and `npm run build` in the action's checkout, then the run
#   after:  the committed bundle run as it is (what action.yml does now)
# Usage: bash scripts/measure-action-start.sh [RUNS]   (default 3 runs of each; prints the median)
# Needs network access to the npm registry for "before" (npm's cache in ~/.npm makes it faster than a
# hosted runner, which starts with an empty cache), and Node 20.19 or later.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
runs="${1:-3}"
work="$(mktemp -d "${TMPDIR:-/tmp}/op-reconcile-action-start-XXXXXX")"
port=$((20000 + RANDOM % 20000))
cleanup() {
  if [ -n "${sandbox_pid:-}" ]; then kill "$sandbox_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The OpenProject side: the sandbox, seeded from the example plan, from a clone of its own.
git clone --quiet "$repo" "$work/server"
node "$work/server/dist/op-reconcile.js" sandbox --seed "$work/server/examples/F1_BUY_BOOST_PLAN.md" \
  --port "$port" --api-key measure-key >"$work/sandbox.log" 2>&1 &
sandbox_pid=$!
for _ in $(seq 1 100); do
  if node -e "fetch('http://127.0.0.1:$port/api/v3/statuses',{headers:{authorization:'Basic '+Buffer.from('apikey:measure-key').toString('base64')}}).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"; then break; fi
  sleep 0.1
done

now() { node -e 'process.stdout.write(String(Date.now()))'; }

# One job: fresh checkouts, then the action's steps, timed from the first step to the plan on stdout.
job() {
  local kind="$1"
  local job_dir="$work/job-$kind-$2"
  mkdir -p "$job_dir/runner"
  git clone --quiet "$repo" "$job_dir/action"
  git clone --quiet "$repo" "$job_dir/workspace"
  : >"$job_dir/runner/output"
  : >"$job_dir/runner/summary"
  if [ "$kind" = before ]; then rm -rf "$job_dir/action/dist"; fi
  local start end
  start="$(now)"
  (
    cd "$job_dir/workspace"
    export GITHUB_ACTIONS=true GITHUB_WORKSPACE="$job_dir/workspace" GITHUB_ACTION_PATH="$job_dir/action"
    export GITHUB_OUTPUT="$job_dir/runner/output" GITHUB_STEP_SUMMARY="$job_dir/runner/summary"
    export GITHUB_SHA=0123456789abcdef0123456789abcdef01234567 GITHUB_REPOSITORY=example/plans
    export GITHUB_SERVER_URL=https://github.com GITHUB_RUN_ID=1 RUNNER_TEMP="$job_dir/runner"
    export OPENPROJECT_URL="http://127.0.0.1:$port" OPENPROJECT_API_KEY=measure-key MODE=dry-run
    # step 1, check the inputs (as action.yml)
    case "$MODE" in dry-run | apply | validate) ;; *) exit 1 ;; esac
    if [ "$kind" = before ]; then
      # the former "Build op-reconcile" step
      (cd "$GITHUB_ACTION_PATH" && npm ci --no-audit --no-fund --loglevel=error >/dev/null && npm run build >/dev/null)
    fi
    # the run step: the Node check, then the CLI
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 20 || (a === 20 && b >= 19) ? 0 : 1)'
    node "$GITHUB_ACTION_PATH/dist/op-reconcile.js" reconcile --source examples/F1_BUY_BOOST_PLAN.md --dry-run \
      --out "$RUNNER_TEMP/plan.json" >"$job_dir/plan.txt" 2>"$job_dir/stderr.txt"
  )
  end="$(now)"
  grep -q "^Plan: " "$job_dir/plan.txt" || { echo "no plan in the $kind job:" >&2; cat "$job_dir/stderr.txt" >&2; exit 1; }
  echo $((end - start))
  rm -rf "$job_dir"
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
seconds() { awk '{ printf "%.2f", $1 / 1000 }'; }

before=()
after=()
for i in $(seq 1 "$runs"); do
  before+=("$(job before "$i")")
  after+=("$(job after "$i")")
done
echo "runs: $runs; load: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown); node $(node --version)"
echo "before (npm ci + build, then the plan): $(printf '%s\n' "${before[@]}" | median | seconds) s  (each: ${before[*]} ms)"
echo "after  (the committed bundle):          $(printf '%s\n' "${after[@]}" | median | seconds) s  (each: ${after[*]} ms)"
