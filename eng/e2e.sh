#!/usr/bin/env bash
# Runs the web app's Playwright end-to-end suite against the whole system: starts the Aspire AppHost (built,
# Release) on its own ports with a temporary state directory, waits until it says every resource is running
# and healthy, runs the suite with Debian's Chromium, and always stops the AppHost and everything it started.
#
#   eng/e2e.sh [playwright test arguments…]
#
# Writes the AppHost's output to $E2E_LOG_DIR/e2e-apphost.log (default TestResults/), the suite's
# results to web/e2e/artifacts/results.json (Playwright's json reporter) and the html report to
# web/e2e/artifacts/report. Ends with one line, "e2e: N passed, N failed"; exits non-zero when a test
# failed or did not run, or the system could not start or stop.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/eng/apphost.sh"
logs="${E2E_LOG_DIR:-$root/TestResults}"
mkdir -p "$logs"
apphost_log="$logs/e2e-apphost.log"
results="$root/web/e2e/artifacts/results.json"
startup_timeout="${E2E_STARTUP_TIMEOUT:-180}"
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"

# Ports of their own, away from the defaults (5101…, 8080, 18888, 55432…), so that the suite never
# meets a system someone is running on this machine; below the kernel's ephemeral range (32768 and up), so
# that no outgoing connection can be holding one of them when the suite starts.
declare -A ports=(
  [Dashboard]=26888 [DashboardOtlp]=26889 [DashboardResources]=26890 [Gateway]=26080 [Planner]=26101 [Executor]=26102 [Conversation]=26103
  [PromptAnalytics]=26104 [ModelSim]=26105 [Postgres]=26432 [RabbitMQ]=26672
)
rabbit_distribution=26682
rabbit_epmd=26692
dashboard="http://127.0.0.1:${ports[Dashboard]}"
gateway="http://127.0.0.1:${ports[Gateway]}"

say() { echo "e2e: $*"; }
fail() {
  echo "e2e: $*" >&2
  echo "e2e: 0 passed, 1 failed"
  exit 1
}

listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

[[ -x $chromium ]] || fail "no Chromium at $chromium: install Debian's chromium (apt-get install chromium) or set CHROMIUM_PATH. The suite never downloads a browser."
[[ -f $root/AppHost/bin/Release/net10.0/Orchestrator.AppHost.dll ]] || fail "the AppHost is not built: run 'dotnet build Orchestrator.sln -c Release' first."
[[ -f $root/web/dist/index.html ]] || fail "the web app is not built: run 'npm run build' in web/ first."
[[ -d $root/web/node_modules/@playwright/test ]] || fail "the web packages are not installed: run 'npm ci' in web/ first."
for port in "${ports[@]}" "$rabbit_distribution" "$rabbit_epmd"; do
  if listening "$port"; then fail "port $port is already in use; the end-to-end suite needs ports 26080–26890 free."; fi
done

state="$(mktemp -d "${TMPDIR:-/tmp}/orchestrator-e2e.XXXXXX")"
APPHOST_PID=""
suite_pid=""

finish() {
  local code=$?
  if [[ -n $suite_pid ]] && kill -0 "$suite_pid" 2>/dev/null; then
    kill -TERM "$suite_pid" 2>/dev/null || true
    wait "$suite_pid" 2>/dev/null || true
  fi
  if [[ -n ${APPHOST_PID:-} ]]; then
    say "stopping the AppHost…"
    local stopping=$SECONDS
    if ! stop_apphost 60; then
      echo "e2e: the AppHost did not stop within 60 s of SIGTERM (log: $apphost_log)." >&2
      code=1
    fi
    say "the AppHost and every resource stopped $((SECONDS - stopping)) s after SIGTERM."
  fi
  local still=()
  for port in "${ports[@]}" "$rabbit_distribution" "$rabbit_epmd"; do
    if listening "$port"; then still+=("$port"); fi
  done
  if ((${#still[@]} > 0)); then
    echo "e2e: something still listens on port(s) ${still[*]} after the AppHost stopped (log: $apphost_log)." >&2
    code=1
  fi
  rm -rf "$state"
  say "${SECONDS} s in all, from start to stop."
  exit "$code"
}
trap finish EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

export Orchestrator__StateDirectory="$state"
export Orchestrator__RabbitMQ__DistributionPort=$rabbit_distribution Orchestrator__RabbitMQ__EpmdPort=$rabbit_epmd
for name in "${!ports[@]}"; do
  [[ $name == DashboardOtlp || $name == DashboardResources ]] || export "Orchestrator__${name}__Port=${ports[$name]}"
done
# The suite signs in to the dashboard with the login link the AppHost prints.
unset ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS

say "starting the AppHost (dashboard $dashboard, gateway $gateway, log ${apphost_log#"$root/"})…"
start_apphost "$root" "$apphost_log"
started=$SECONDS
if ! wait_until_ready "$apphost_log" "$startup_timeout"; then
  tail -n 40 "$apphost_log" >&2
  fail "the system did not become healthy (log: $apphost_log)."
fi
dashboard_login=$(grep -oE 'http://127\.0\.0\.1:[0-9]+/login\?t=[0-9a-f]+' "$apphost_log" | tail -1)
say "the system is healthy after $((SECONDS - started)) s; running the suite…"

rm -f "$results"
suite_status=0
rm -rf "$root/web/e2e/artifacts/screenshots"
# In the background and waited for, so that a SIGTERM to this script stops the suite and the AppHost at once.
(cd "$root/web" && exec env ORCHESTRATOR_URL="$gateway" ORCHESTRATOR_MODELSIM_URL="http://127.0.0.1:${ports[ModelSim]}" \
  ORCHESTRATOR_DASHBOARD_LOGIN_URL="$dashboard_login" \
  CHROMIUM_PATH="$chromium" npx --no-install playwright test "$@") &
suite_pid=$!
wait "$suite_pid" || suite_status=$?
suite_pid=""

[[ -f $results ]] || fail "the suite wrote no results (${results#"$root/"}); Playwright exited with $suite_status."
# Passed: as expected, or flaky (passed on a retry). Failed: unexpected, or skipped because an earlier
# test of the serial suite failed; every test of the suite is meant to run.
read -r passed failed seconds < <(node -e '
  const { stats } = require(process.argv[1]);
  console.log(stats.expected + stats.flaky, stats.unexpected + stats.skipped, Math.round(stats.duration / 1000));
' "$results")
say "the suite took ${seconds} s; screenshots in web/e2e/artifacts/screenshots, report in web/e2e/artifacts/report"
if ((suite_status != 0 && failed == 0)); then failed=1; fi
echo "e2e: $passed passed, $failed failed"
((suite_status == 0 && failed == 0 && passed > 0))
