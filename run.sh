#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) and runs the Aspire AppHost: PostgreSQL, RabbitMQ, the
# services and the gateway, with the Aspire dashboard on http://127.0.0.1:18888. Ctrl+C stops it all.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$root/eng/install-prerequisites.sh"
source "$root/eng/apphost.sh"

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
