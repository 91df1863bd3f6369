#!/usr/bin/env bash
# Runs every test of the pack: unit tests, then the integration tests on a real Keycloak started from Maven
# Central by Keycloak's test framework (ports 8080, 8443 and 9000 must be free, and 8081 for the demo FHIR server
# the tests start), then the browser tests in headless Chromium. Extra arguments go to Maven, e.g. ./run-tests.sh -Dit.test=SmartConfigurationIT
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[tests] %s\n' "$*"; }

# Browser tests drive Debian's chromium through chromedriver. Install both when missing and we may.
ensure_browser() {
  if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      log "chromium and chromium-driver are missing; install them with: sudo apt-get install -y chromium chromium-driver"
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "chromium and chromedriver are missing and this is not a Debian-like system; install them and run again"
    return 1
  fi
  log "Installing chromium and chromium-driver for the browser tests ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

for port in 8080 8081 8443 9000; do
  if port_in_use "$port"; then
    log "port $port is in use (is the demo running?); the tests need it for Keycloak and the FHIR server. Stop that program first."
    exit 1
  fi
done

ensure_browser
exec ./mvnw -B verify "$@"
