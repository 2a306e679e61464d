#!/usr/bin/env bash
# Installs what is missing, builds everything (Release) and runs the AppHost: PostgreSQL, RabbitMQ,
# the services and the gateway, with the dashboard on http://127.0.0.1:18888. Ctrl+C stops it all.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$root/eng/install-prerequisites.sh"

install_prerequisites
build_web "$root"
echo "Building the solution (Release)…"
dotnet build "$root/Orchestrator.sln" -c Release -nologo -v:q -clp:NoSummary
exec dotnet run --project "$root/AppHost" -c Release --no-build
