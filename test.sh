#!/usr/bin/env bash
# Installs what is missing, builds everything (Release), runs the web tests, every .NET test project and
# the end-to-end suite against the AppHost, and ends with one line: "N passed, N failed" over the whole
# run. Exits non-zero if a test failed, a runner failed, or no test ran.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$root/eng/install-prerequisites.sh"
cd "$root"

results="$root/TestResults"
rm -rf "$results"
mkdir -p "$results"

install_prerequisites --with-browser
build_web "$root"

passed=0
failed=0
status=0

# Adds a runner's counts, read from its summary line ("… 40 passed …", "… 2 failed …"), to the totals.
# A runner that exited non-zero fails the run and counts at least one failure; its log's tail is shown.
# Usage: tally NAME EXIT_STATUS SUMMARY LOG_FILE [EXTRA]
tally() {
  local name=$1 exit_status=$2 summary=$3 log=$4 extra=${5:-}
  local n_passed n_failed
  n_passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
  n_failed=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
  if (( exit_status != 0 )); then
    tail -n 60 "$results/$log"
    status=1
    (( n_failed > 0 )) || n_failed=1
  fi
  echo "$name: $n_passed passed, $n_failed failed (log: TestResults/$log$extra)"
  passed=$((passed + n_passed))
  failed=$((failed + n_failed))
}

# Vitest's closing summary reads "Tests  2 failed | 40 passed (42)".
if [[ -f web/package.json ]] && node -e 'process.exit(require("./web/package.json").scripts?.test ? 0 : 1)'; then
  echo "Running the web tests…"
  web_status=0
  (cd web && CI=true NO_COLOR=1 npm test --silent) >"$results/web-tests.log" 2>&1 || web_status=$?
  summary=$(grep -E '^\s*Tests\s' "$results/web-tests.log" | tail -1 || true)
  tally web "$web_status" "$summary" web-tests.log
fi

echo "Building the solution (Release)…"
dotnet build Orchestrator.sln -c Release -nologo -v:q -clp:NoSummary

# The web's API types against the services: each service writes its OpenAPI document afresh, the types are generated
# from it, and both must equal what is committed (web/openapi, web/src/types/generated). Its closing line reads
# "api-drift: 8 passed, 0 failed"; a drift names `npm run api`, which writes them again.
echo "Checking the web's API types against the services…"
api_status=0
(cd web && node scripts/api-check.mjs) >"$results/api-drift.log" 2>&1 || api_status=$?
summary=$(grep -E '^api-drift: [0-9]+ passed, [0-9]+ failed$' "$results/api-drift.log" | tail -1 || true)
tally api-drift "$api_status" "$summary" api-drift.log

echo "Running the .NET tests…"
# The console logger closes each test assembly's run with "Passed!  - Failed: 0, Passed: 42, …" (or
# "Failed!  - …"); a run whose test host crashed or could not start says "Test Run Aborted." instead
# and counts as one failure.
# The system tests start the whole AppHost (18 instances with replicas) and kill parts of it: they run after the
# other assemblies, on their own, so that a 2-core machine is not starting every other test's servers as well.
dotnet test Orchestrator.sln -c Release --no-build --nologo --logger "console;verbosity=minimal" \
  --filter "FullyQualifiedName!~Orchestrator.SystemTests" \
  --results-directory "$results/dotnet" 2>&1 | tee "$results/dotnet-tests.log" || status=1
dotnet test tests/Orchestrator.SystemTests -c Release --no-build --nologo --logger "console;verbosity=minimal" \
  --results-directory "$results/dotnet" 2>&1 | tee -a "$results/dotnet-tests.log" || status=1
while read -r summary; do
  passed=$((passed + $(sed -nE 's/.* Passed: +([0-9]+),.*/\1/p' <<<"$summary")))
  failed=$((failed + $(sed -nE 's/.* - Failed: +([0-9]+),.*/\1/p' <<<"$summary")))
done < <(grep -E '^(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+,' "$results/dotnet-tests.log" || true)
aborted=$(grep -c 'Test Run Aborted' "$results/dotnet-tests.log" || true)
failed=$((failed + aborted))

# The web app's Playwright suite against the whole system: eng/e2e.sh starts the AppHost on ports of
# its own with a temporary state directory, waits until it is healthy, runs the suite with Debian's
# Chromium and always stops the AppHost. Its closing line reads "e2e: 11 passed, 0 failed" (counted
# from Playwright's json report; tests that did not run count as failed).
echo "Running the end-to-end tests against the AppHost…"
e2e_status=0
E2E_LOG_DIR="$results" bash eng/e2e.sh >"$results/e2e-tests.log" 2>&1 || e2e_status=$?
summary=$(grep -E '^e2e: [0-9]+ passed, [0-9]+ failed$' "$results/e2e-tests.log" | tail -1 || true)
tally e2e "$e2e_status" "$summary" e2e-tests.log "; screenshots: web/e2e/artifacts/screenshots"

if (( failed > 0 || passed == 0 )); then status=1; fi
if (( passed == 0 )); then echo "No test ran." >&2; fi
echo "$passed passed, $failed failed"
exit $status
