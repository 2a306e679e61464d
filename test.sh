#!/usr/bin/env bash
# Installs what is missing, builds everything (Release), runs the web tests and every .NET test project,
# and ends with one line: "N passed, N failed" over the whole run. Exits non-zero if a test failed,
# a runner failed, or no test ran.
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
dotnet test Orchestrator.sln -c Release --no-build --nologo \
  --logger "trx" --logger "console;verbosity=minimal" --results-directory "$results/dotnet" || status=1

# Each test assembly leaves a .trx file whose <Counters> element holds its totals. A run that was
# aborted (its test host crashed or could not start) counts as one failure.
shopt -s nullglob
for trx in "$results"/dotnet/*.trx; do
  counters=$(grep -oE '<Counters [^>]*>' "$trx" | head -1 || true)
  outcome=$(grep -oE '<ResultSummary outcome="[A-Za-z]+"' "$trx" | head -1 | sed -E 's/.*"(.*)"/\1/' || true)
  trx_passed=$(sed -nE 's/.* passed="([0-9]+)".*/\1/p' <<<"$counters")
  trx_failed=$(sed -nE 's/.* failed="([0-9]+)".*/\1/p' <<<"$counters")
  trx_errors=$(sed -nE 's/.* error="([0-9]+)".*/\1/p' <<<"$counters")
  trx_failed=$(( ${trx_failed:-0} + ${trx_errors:-0} ))
  if [[ $outcome != Completed && $trx_failed -eq 0 ]]; then
    echo "A test run ended as '$outcome' without failed tests (TestResults/dotnet/$(basename "$trx")); its output above says why." >&2
    trx_failed=1
  fi
  passed=$((passed + ${trx_passed:-0}))
  failed=$((failed + trx_failed))
done

if (( failed > 0 || passed == 0 )); then status=1; fi
if (( passed == 0 )); then echo "No test ran." >&2; fi
echo "$passed passed, $failed failed"
exit $status
