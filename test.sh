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

# Vitest's closing summary reads "Tests  2 failed | 40 passed (42)".
if [[ -f web/package.json ]] && node -e 'process.exit(require("./web/package.json").scripts?.test ? 0 : 1)'; then
  echo "Running the web tests…"
  web_status=0
  (cd web && CI=true NO_COLOR=1 npm test --silent) >"$results/web-tests.log" 2>&1 || web_status=$?
  summary=$(grep -E '^\s*Tests\s' "$results/web-tests.log" | tail -1 || true)
  web_passed=$(grep -oE '[0-9]+ passed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
  web_failed=$(grep -oE '[0-9]+ failed' <<<"$summary" | grep -oE '[0-9]+' || echo 0)
  if (( web_status != 0 )); then
    tail -n 60 "$results/web-tests.log"
    status=1
    (( web_failed > 0 )) || web_failed=1
  fi
  echo "web: $web_passed passed, $web_failed failed (log: TestResults/web-tests.log)"
  passed=$((passed + web_passed))
  failed=$((failed + web_failed))
fi

echo "Building the solution (Release)…"
dotnet build Orchestrator.sln -c Release -nologo -v:q -clp:NoSummary

echo "Running the .NET tests…"
# The console logger closes each test assembly's run with "Passed!  - Failed: 0, Passed: 42, …" (or
# "Failed!  - …"); a run whose test host crashed or could not start says "Test Run Aborted." instead
# and counts as one failure.
dotnet test Orchestrator.sln -c Release --no-build --nologo --logger "console;verbosity=minimal" \
  --results-directory "$results/dotnet" 2>&1 | tee "$results/dotnet-tests.log" || status=1
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
e2e_passed=$(sed -nE 's/^e2e: ([0-9]+) passed.*/\1/p' <<<"$summary")
e2e_failed=$(sed -nE 's/.* ([0-9]+) failed$/\1/p' <<<"$summary")
e2e_passed=${e2e_passed:-0}
e2e_failed=${e2e_failed:-0}
if (( e2e_status != 0 )); then
  tail -n 60 "$results/e2e-tests.log"
  status=1
  (( e2e_failed > 0 )) || e2e_failed=1
fi
echo "e2e: $e2e_passed passed, $e2e_failed failed (log: TestResults/e2e-tests.log; screenshots: web/e2e/artifacts/screenshots)"
passed=$((passed + e2e_passed))
failed=$((failed + e2e_failed))

if (( failed > 0 || passed == 0 )); then status=1; fi
if (( passed == 0 )); then echo "No test ran." >&2; fi
echo "$passed passed, $failed failed"
exit $status
