#!/usr/bin/env bash
# AppHost benchmark: starts the built Aspire AppHost (Release) on ports of its own with a fresh or given state
# directory, and prints the time to every resource healthy, the memory (PSS) of every process it runs at idle
# (Aspire's own included), and the time from SIGTERM until nothing is left.
#
#   benchmarks/apphost.sh [--state DIR] [--idle SECONDS]
#
# A new state directory makes the first start a cold one (initdb, a new RabbitMQ node); run it twice with the
# same --state to see a warm start.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/eng/apphost.sh"

state="" idle=15
while (($#)); do
  case $1 in
    --state) state=$2; shift 2 ;;
    --idle) idle=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
owned_state=false
if [[ -z $state ]]; then state=$(mktemp -d "${TMPDIR:-/tmp}/orchestrator-bench.XXXXXX"); owned_state=true; fi
log="$state.apphost.log"

export Orchestrator__StateDirectory="$state" Orchestrator__Dashboard__Port=47888 Orchestrator__Gateway__Port=47080
export Orchestrator__planner__Port=47101 Orchestrator__executor__Port=47102 Orchestrator__conversation__Port=47103
export Orchestrator__promptanalytics__Port=47104 Orchestrator__modelsim__Port=47105 Orchestrator__Postgres__Port=47432
export Orchestrator__RabbitMQ__Port=47672 Orchestrator__RabbitMQ__DistributionPort=47682 Orchestrator__RabbitMQ__EpmdPort=47692

echo "AppHost benchmark on $(nproc) cores; state directory $state; log $log"
trap 'stop_apphost 60 || true; [[ $owned_state == true ]] && rm -rf "$state"' EXIT
started=$(date +%s.%N)
start_apphost "$root" "$log"
wait_until_ready "$log" 300
ready=$(date +%s.%N)
printf 'start to every resource healthy: %.1f s\n' "$(echo "$ready - $started" | bc)"

sleep "$idle"
echo "memory at idle after ${idle} s (PSS, MB):"
# Every process of this run: the AppHost, DCP and whatever DCP started (their command lines or environments name
# this run's state directory or ports, or they descend from DCP).
dcp_root=$(pgrep -f -- "dcp start-apiserver --monitor $APPHOST_PID( |$)" | head -1 || true)
descendants() { local p; for p in $(pgrep -P "$1"); do echo "$p"; descendants "$p"; done; }
{ echo "$APPHOST_PID"; [[ -n $dcp_root ]] && { echo "$dcp_root"; descendants "$dcp_root"; }; } | sort -un | while read -r pid; do
  [[ -r /proc/$pid/smaps_rollup ]] || continue
  pss=$(awk '/^Pss:/{print $2}' "/proc/$pid/smaps_rollup")
  name=$(tr '\0' ' ' <"/proc/$pid/cmdline" | sed -E 's#^(dotnet run --project )?[^ ]*/##; s# --.*##; s#^(postgres: [a-z ]+).*#\1#' | cut -c1-60)
  echo "$pss $name"
done | awk '{kb=$1; $1=""; sub(/^ /,""); total+=kb; printf "  %7.1f  %s\n", kb/1024, $0} END {printf "  %7.1f  total\n", total/1024}'

stopping=$(date +%s.%N)
stop_apphost 60
printf 'SIGTERM to nothing left: %.1f s\n' "$(echo "$(date +%s.%N) - $stopping" | bc)"
