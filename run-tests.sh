#!/usr/bin/env bash
# Runs every test of the pack: the HealthLake sample's Node.js tests, unit tests, then the integration tests on a real Keycloak started from Maven
# Central by Keycloak's test framework (ports 8080, 8443 and 9000 must be free, and 8081 for the demo FHIR server
# the tests start), then the browser tests in headless Chromium, then the cluster tests (PostgreSQL, two Keycloak
# nodes, nginx, all on free ports). Extra arguments go to Maven, e.g. ./run-tests.sh -Dit.test=SmartConfigurationIT
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[tests] %s\n' "$*"; }

# Debian packages the tests run for real: Chromium and ChromeDriver (browser tests), PostgreSQL, nginx and openssl
# (cluster-tests: the production shape), Node.js (the HealthLake sample function). Install the missing ones when we
# may (root or password-less sudo).
ensure_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || missing+=(postgresql)
  command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  [ ${#missing[@]} -gt 0 ] || return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
      sudo="sudo"
    else
      log "missing: ${missing[*]}; install them with: sudo apt-get install -y ${missing[*]}"
      return 1
    fi
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    log "missing: ${missing[*]}, and this is not a Debian-like system; install them and run again"
    return 1
  fi
  log "Installing ${missing[*]} for the tests ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
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

ensure_packages
log "HealthLake sample function: node --test"
node --test samples/healthlake-token-validator/validator.test.mjs
exec ./mvnw -B verify "$@"
