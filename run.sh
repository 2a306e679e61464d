#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) and runs the Aspire AppHost: PostgreSQL, RabbitMQ, the
# services and the gateway, with the Aspire dashboard on http://127.0.0.1:18888. Ctrl+C stops it all.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$root/eng/install-prerequisites.sh"
source "$root/eng/apphost.sh"

# The AppHost refuses a second instance on the same state directory; say so before building anything.
state="${Orchestrator__StateDirectory:-$root/.orchestrator}"
if [[ -f $state/apphost.lock ]] && ! flock -n "$state/apphost.lock" true 2>/dev/null; then
  echo "The Orchestrator is already running with state directory $state. Stop it first (Ctrl+C in its terminal)." >&2
  exit 1
fi

install_prerequisites
build_web "$root"
echo "Building the solution (Release)…"
dotnet build "$root/Orchestrator.sln" -c Release -nologo -v:q -clp:NoSummary

# The AppHost runs as a child so that Ctrl+C and SIGTERM both reach it, and this script returns only once
# Aspire has stopped every resource.
status=0
trap 'stop_apphost' INT TERM
start_apphost "$root"
wait "$APPHOST_PID" || status=$?
stop_apphost || true
exit "$status"
