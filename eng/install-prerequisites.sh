# Shared by run.sh and test.sh (sourced, not run): installs through apt what the Orchestrator needs
# on a fresh Debian with the .NET SDK and Node, and builds the web app.

# Runs a command as root: directly when we are root, else through sudo.
as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi
}

# Another apt or dpkg run (an unattended upgrade, a parallel install) holds the package locks: wait for it.
# pgrep matches a process name of at most 15 characters, one name per call ("unattended-upgr" is how the
# kernel shortens unattended-upgrade).
apt_busy() {
  local name
  for name in apt apt-get dpkg unattended-upgr; do
    pgrep -x "$name" >/dev/null && return 0
  done
  return 1
}

wait_for_apt() {
  local waited=0
  while apt_busy; do
    if (( waited % 30 == 0 )); then echo "Waiting for another apt/dpkg run to finish…"; fi
    sleep 2
    waited=$((waited + 2))
  done
}

# An earlier build of this project repackaged DistributedLock.Core under the id Patched.DistributedLock.Core
# 1.0.11 into NuGet's global packages folder; the registry now serves the real package under the same id and
# version, and NuGet would keep the repackaged copy. Remove that one folder (once: the real one stays).
clear_repackaged_lock_package() {
  local folder="${NUGET_PACKAGES:-$HOME/.nuget/packages}/patched.distributedlock.core/1.0.11"
  if grep -qs 'repackaged' "$folder/patched.distributedlock.core.nuspec"; then
    echo "Removing the repackaged Patched.DistributedLock.Core 1.0.11 from $folder; the registry's own is restored instead."
    rm -rf "$folder"
  fi
}

# install_prerequisites [--with-browser]: PostgreSQL server binaries, RabbitMQ, and Chromium for browser tests.
# apt-get update runs once, and only when something is missing.
install_prerequisites() {
  clear_repackaged_lock_package
  local missing=()
  compgen -G '/usr/lib/postgresql/*/bin/postgres' >/dev/null || missing+=(postgresql)
  [[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ]] || missing+=(rabbitmq-server)
  if [[ ${1:-} == --with-browser ]] && ! command -v chromium >/dev/null; then missing+=(chromium); fi
  (( ${#missing[@]} )) || return 0

  echo "Installing ${missing[*]} with apt…"
  wait_for_apt
  # The AppHost runs its own PostgreSQL and RabbitMQ; keep the packages from starting system-wide ones.
  local blocked_services=false
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    blocked_services=true
  fi
  local status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -qq &&
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" ||
    status=$?
  if [[ $blocked_services == true ]]; then as_root rm -f /usr/sbin/policy-rc.d; fi
  return $status
}

# build_web ROOT: installs the web app's packages when needed (npm ci when node_modules is missing or
# package-lock.json changed since the last install) and builds it into web/dist.
build_web() {
  local web="$1/web"
  [[ -f $web/package.json ]] || return 0
  local stamp="$web/node_modules/.orchestrator-lock-hash"
  local lock_hash="none"
  [[ -f $web/package-lock.json ]] && lock_hash=$(sha256sum "$web/package-lock.json" | cut -d' ' -f1)
  if [[ ! -d $web/node_modules || $(cat "$stamp" 2>/dev/null) != "$lock_hash" ]]; then
    echo "Installing web packages…"
    if [[ -f $web/package-lock.json ]]; then
      (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
    else
      (cd "$web" && npm install --no-audit --no-fund --loglevel=error)
    fi
    echo "$lock_hash" >"$stamp"
  fi
  echo "Building the web app…"
  local log
  log=$(mktemp)
  if ! (cd "$web" && npm run --silent build) >"$log" 2>&1; then
    tail -n 40 "$log"
    rm -f "$log"
    echo "The web app failed to build." >&2
    return 1
  fi
  rm -f "$log"
}
