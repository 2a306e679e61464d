# Shared by run.sh and eng/e2e.sh (sourced, not run): starts the built Aspire AppHost, waits until it says
# every resource is healthy, and stops it with everything it started.

# The dashboard's address and the two endpoints Aspire needs beside it, plain HTTP on 127.0.0.1 (there is no
# development certificate). Orchestrator__Dashboard__Port moves all three (port, port+1, port+2).
apphost_environment() {
  local port=${Orchestrator__Dashboard__Port:-18888}
  export ASPNETCORE_URLS="http://127.0.0.1:${port}"
  export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="http://127.0.0.1:$((port + 1))"
  export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="http://127.0.0.1:$((port + 2))"
  export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true
  export DOTNET_ENVIRONMENT=${DOTNET_ENVIRONMENT:-Development}
}

# start_apphost ROOT [LOG]: starts the AppHost in the background (APPHOST_PID), its output to LOG or the terminal.
start_apphost() {
  local root=$1 log=${2:-}
  local dll="$root/AppHost/bin/Release/net10.0/Orchestrator.AppHost.dll"
  if [[ ! -f $dll ]]; then
    echo "The AppHost is not built: run 'dotnet build Orchestrator.sln -c Release' first." >&2
    return 1
  fi
  apphost_environment
  if [[ -n $log ]]; then
    (cd "$root" && exec dotnet "$dll") >"$log" 2>&1 </dev/null &
  else
    (cd "$root" && exec dotnet "$dll") &
  fi
  APPHOST_PID=$!
}

# wait_until_ready LOG TIMEOUT_SECONDS: until the AppHost prints that every resource is healthy; fails if it
# exits first or the time runs out.
wait_until_ready() {
  local log=$1 timeout=$2 started=$SECONDS
  until grep -q '^Orchestrator is ready\.' "$log" 2>/dev/null; do
    if ! kill -0 "$APPHOST_PID" 2>/dev/null; then
      echo "The AppHost exited before every resource was healthy (log: $log)." >&2
      return 1
    fi
    if (( SECONDS - started > timeout )); then
      echo "Not every resource was healthy within ${timeout} s (log: $log)." >&2
      return 1
    fi
    sleep 1
  done
}

# stop_apphost [TIMEOUT_SECONDS]: SIGTERM to the AppHost, then waits until it and Aspire's orchestrator (DCP,
# which stops the resources and watches the AppHost's pid) are gone. Kills what is left after the timeout.
stop_apphost() {
  local timeout=${1:-60} waited=0
  [[ -n ${APPHOST_PID:-} ]] || return 0
  kill -TERM "$APPHOST_PID" 2>/dev/null || true
  while { kill -0 "$APPHOST_PID" 2>/dev/null || pgrep -f -- "dcp .*--monitor $APPHOST_PID( |$)" >/dev/null; } && (( waited < timeout * 2 )); do
    sleep 0.5
    waited=$((waited + 1))
  done
  if kill -0 "$APPHOST_PID" 2>/dev/null || pgrep -f -- "dcp .*--monitor $APPHOST_PID( |$)" >/dev/null; then
    echo "The AppHost did not stop within ${timeout} s of SIGTERM; killing it." >&2
    pkill -KILL -f -- "dcp .*--monitor $APPHOST_PID( |$)" 2>/dev/null || true
    kill -KILL "$APPHOST_PID" 2>/dev/null || true
    wait "$APPHOST_PID" 2>/dev/null || true
    APPHOST_PID=""
    return 1
  fi
  wait "$APPHOST_PID" 2>/dev/null || true
  APPHOST_PID=""
}
