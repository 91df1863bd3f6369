#!/usr/bin/env bash
# Starts the SMART demo stack and blocks until Ctrl-C:
#   Keycloak (the pack's providers, the demo realm "smart" imported, embedded dev-file database) on http://localhost:8080
#   the demo FHIR server on http://localhost:8081/fhir
# Needs only a JDK (17+) and network access to Maven Central. Everything it downloads or writes stays in .demo/.
# Each run starts from a fresh database with the realm re-imported, so demo state never leaks between runs.
# The demo realm is the production realm plus the demo overlay (demo users, demo and Inferno clients with published
# secrets), made by the build. Everything listens on loopback only: the demo's admin/admin and demo users must not
# be reachable from the network. SMART_DEMO_HOST=0.0.0.0 ./run-demo.sh widens that, at your own risk.
#
# ./run-demo.sh --cluster starts the production shape instead, on the same URLs (plus https://localhost:8443):
# PostgreSQL, two Keycloak nodes in production mode forming one cluster, and nginx as the load balancer with TLS.
# It installs Debian's postgresql and nginx when they are missing. See docker/cluster/demo-cluster.sh.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")" && pwd)"
cd "$ROOT"

DEMO_DIR="$ROOT/.demo"
KC_VERSION="$(sed -n 's:.*<keycloak.version>\(.*\)</keycloak.version>.*:\1:p' pom.xml | head -n 1)"
KC_HOME="$DEMO_DIR/keycloak-$KC_VERSION"
PID_FILE="$DEMO_DIR/pids"
KC_PORT=8080
KC_MANAGEMENT_PORT=9000
FHIR_PORT=8081
REALM_URL="http://localhost:$KC_PORT/realms/smart"
FHIR_URL="http://localhost:$FHIR_PORT/fhir"
STARTUP_TIMEOUT_SECONDS=300
BIND_HOST="${SMART_DEMO_HOST:-127.0.0.1}"
DEMO_REALM_JSON=realm-export/target/classes/realm-export/smart-realm-demo.json
# The demo installs the demo EHR launcher as well; a production install (docs/install.md) does not.
PROVIDER_MODULES=(smart-core smart-scopes-provider launch-context-authenticator patient-picker-theme demo-ehr-launcher)

KC_PID=""
FHIR_PID=""
CLUSTER=false

log() { printf '[demo] %s\n' "$*"; }
fail() { printf '[demo] ERROR: %s\n' "$*" >&2; exit 1; }

# Runs a command in its own process group where setsid exists, so Ctrl-C reaches only this script,
# which then stops the whole group (kc.sh starts a second java process).
start_detached() {
  if command -v setsid >/dev/null 2>&1; then
    setsid "$@" &
  else
    "$@" &
  fi
}

stop_process() {
  local pid="$1"
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || return 0
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.5
  done
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
}

stop_all() {
  trap - INT TERM EXIT
  # The terminal (or a pipe reader) may be gone already: stopping must not depend on being able to print.
  trap '' PIPE
  if [ -n "$KC_PID$FHIR_PID" ] || [ "$CLUSTER" = true ]; then
    log "Stopping the demo stack ..." 2>/dev/null || true
  fi
  stop_process "$FHIR_PID"
  stop_process "$KC_PID"
  [ "$CLUSTER" != true ] || stop_cluster
  rm -f "$PID_FILE"
}

# A previous run that was killed hard may have left its processes behind: stop those (and only those).
stop_leftovers() {
  [ -f "$PID_FILE" ] || return 0
  local pid
  for pid in $(cat "$PID_FILE"); do
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" 2>/dev/null | grep -q -e "$DEMO_DIR" -e demo-fhir-server -e smart-demo-pgdata; then
      log "Stopping process $pid left over from an earlier run"
      stop_process "$pid"
    fi
  done
  rm -f "$PID_FILE"
}

port_in_use() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Prints the HTTP status of a GET, using bash's /dev/tcp so that no curl or wget is needed.
http_status() {
  local host_port="${1#http://}"; host_port="${host_port%%/*}"
  local path="/${1#http://*/}"
  local host="${host_port%%:*}" port="${host_port##*:}"
  exec 3<>"/dev/tcp/$host/$port" || return 1
  printf 'GET %s HTTP/1.0\r\nHost: %s\r\nAccept: application/json\r\n\r\n' "$path" "$host_port" >&3
  local status_line
  IFS= read -r -t 10 status_line <&3 || true
  exec 3<&- 3>&-
  printf '%s' "$status_line" | awk '{print $2}'
}

wait_until_ok() {
  local name="$1" url="$2" pid="$3" log_file="$4"
  local deadline=$((SECONDS + STARTUP_TIMEOUT_SECONDS))
  until [ "$(http_status "$url" 2>/dev/null || true)" = "200" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 40 "$log_file" >&2 || true
      fail "$name stopped during start-up; its log is $log_file"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      tail -n 40 "$log_file" >&2 || true
      fail "$name did not answer $url within $STARTUP_TIMEOUT_SECONDS s; its log is $log_file"
    fi
    sleep 1
  done
}

# The packaged jar of a module (artifactId-version.jar; the version stays in the name so Maven tooling finds it).
provider_jar() {
  local version
  version="$(sed -n '0,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' "$1/pom.xml" | head -n 1)"
  printf '%s/target/%s-%s.jar' "$1" "$1" "$version"
}

copy_if_changed() {
  if ! cmp -s "$1" "$2" 2>/dev/null; then
    cp "$1" "$2"
  fi
}

build_pack() {
  log "Building the pack (./mvnw package, tests skipped) ..."
  ./mvnw -B -q -DskipTests -pl '!integration-tests' package
}

install_keycloak() {
  if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
    log "Fetching Keycloak $KC_VERSION through Maven ..."
    rm -rf "$KC_HOME"
    # overWriteReleases: unpack even when an earlier unpack left its marker in target/ and .demo/ was deleted since.
    ./mvnw -B -q -N dependency:unpack \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$DEMO_DIR" -Dmdep.overWriteReleases=true
    chmod +x "$KC_HOME"/bin/*.sh
  fi
  # Copy only changed jars: Keycloak rebuilds itself (about 30 s) whenever providers/ changes.
  local module
  for module in "${PROVIDER_MODULES[@]}"; do
    copy_if_changed "$(provider_jar "$module")" "$KC_HOME/providers/$module.jar"
  done
  copy_if_changed realm-export/keycloak.conf "$KC_HOME/conf/keycloak.conf"
  rm -rf "$KC_HOME/data"
  mkdir -p "$KC_HOME/data/import"
  cp "$DEMO_REALM_JSON" "$KC_HOME/data/import/smart-realm.json"
}

start_keycloak() {
  log "Starting Keycloak $KC_VERSION (log: .demo/keycloak.log) ..."
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    start_detached "$KC_HOME/bin/kc.sh" start-dev --http-host="$BIND_HOST" --http-port="$KC_PORT" --db=dev-file --import-realm \
    > "$DEMO_DIR/keycloak.log" 2>&1
  KC_PID=$!
  echo "$KC_PID" >> "$PID_FILE"
}

start_fhir_server() {
  log "Starting the demo FHIR server (log: .demo/fhir-server.log) ..."
  # C1 only and the serial collector: HAPI's JPA store (Consent, AuditEvent) starts in about half the time on a
  # busy two-core machine, with a third less memory (docs/adr/0006-hapi-jpa-for-consent-and-audit.md).
  start_detached java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar demo-fhir-server/target/demo-fhir-server.jar \
    --host "$BIND_HOST" --port "$FHIR_PORT" --keycloak-realm-url "$REALM_URL" > "$DEMO_DIR/fhir-server.log" 2>&1
  FHIR_PID=$!
  echo "$FHIR_PID" >> "$PID_FILE"
}

print_summary() {
  cat <<EOF

  SMART on FHIR demo is running. Press Ctrl-C to stop it.

  Keycloak                  http://localhost:$KC_PORT  (admin console: user admin, password admin)
  Realm                     $REALM_URL
  SMART discovery           $REALM_URL/.well-known/smart-configuration
  FHIR server (R4)          $FHIR_URL
  SMART discovery at FHIR   $FHIR_URL/.well-known/smart-configuration
  Account console           $REALM_URL/account
  Demo SMART app            http://localhost:$FHIR_PORT/app/  (standalone launch; sign in as either user below)
  Demo EHR launcher         $REALM_URL/smart-launch/ehr  (sign in as the practitioner below)
  EHR launch API            POST $REALM_URL/smart-launch/launches  (client demo-ehr / demo-ehr-secret)

  Demo users (realm-export/demo-users.json):
$(sed 's/^/    /' realm-export/demo-users.json)

  Try it:
    TOKEN=\$(curl -s -u demo-backend:demo-backend-secret -d grant_type=client_credentials -d 'scope=system/*.rs' \\
      $REALM_URL/protocol/openid-connect/token | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
    curl -H "Authorization: Bearer \$TOKEN" "$FHIR_URL/Patient?name=shaw"

EOF
}

usage() {
  cat <<EOF
Usage: ./run-demo.sh [--cluster]
  (no option)  one Keycloak in development mode on its embedded database (the quickest start)
  --cluster    the production shape: PostgreSQL, two Keycloak nodes in production mode in one cluster, nginx as the
               load balancer on http://localhost:$KC_PORT and https://localhost:8443
EOF
}

parse_arguments() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --cluster) CLUSTER=true ;;
      -h|--help) usage; exit 0 ;;
      *) usage >&2; fail "unknown option: $1" ;;
    esac
    shift
  done
}

main() {
  parse_arguments "$@"
  mkdir -p "$DEMO_DIR"
  stop_leftovers
  local port ports=("$KC_PORT" "$KC_MANAGEMENT_PORT" "$FHIR_PORT")
  if [ "$CLUSTER" = true ]; then
    # shellcheck source=docker/cluster/demo-cluster.sh
    . "$ROOT/docker/cluster/demo-cluster.sh"
    ports=("$KC_PORT" "$HTTPS_PORT" "$FHIR_PORT")
  fi
  for port in "${ports[@]}"; do
    if port_in_use "$port"; then
      fail "port $port is in use by another program; stop it and run again"
    fi
  done

  build_pack
  install_keycloak

  trap stop_all EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM

  if [ "$CLUSTER" = true ]; then
    start_cluster
  else
    start_keycloak
    wait_until_ok "Keycloak" "$REALM_URL/.well-known/smart-configuration" "$KC_PID" "$DEMO_DIR/keycloak.log"
  fi
  start_fhir_server
  wait_until_ok "The demo FHIR server" "$FHIR_URL/.well-known/smart-configuration" "$FHIR_PID" "$DEMO_DIR/fhir-server.log"
  print_summary
  [ "$CLUSTER" != true ] || print_cluster_summary

  # Block until Ctrl-C, or until a process ends on its own (then stop the others too).
  while demo_processes_alive; do
    sleep 1
  done
  fail "a demo process stopped unexpectedly; see the logs in .demo/"
}

demo_processes_alive() {
  kill -0 "$FHIR_PID" 2>/dev/null || return 1
  if [ "$CLUSTER" = true ]; then
    local pid
    for pid in "$PG_PID" "$NGINX_PID" "${NODE_PIDS[@]}"; do
      kill -0 "$pid" 2>/dev/null || return 1
    done
  else
    kill -0 "$KC_PID" 2>/dev/null || return 1
  fi
}

main "$@"
