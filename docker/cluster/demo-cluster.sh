# The production shape of the demo, sourced by run-demo.sh for ./run-demo.sh --cluster:
#   a private PostgreSQL server (Debian's postgresql) in .demo/cluster on a free port,
#   two Keycloak nodes in production mode (kc.sh build, then start --optimized) on that database, one cluster
#   (embedded Infinispan, jdbc-ping discovery, loopback only), each on free ports,
#   nginx (Debian) on localhost:8080 and, with a certificate made at start-up, https://localhost:8443.
# The options are those of docker/cluster/keycloak-cluster.conf and docker/cluster/nginx.conf.template, which the
# cluster-tests module uses too. Uses run-demo.sh's helpers (log, fail, start_detached, port_in_use, ...).

CLUSTER_DIR="$DEMO_DIR/cluster"
CLUSTER_CONF_DIR="$ROOT/docker/cluster"
HTTPS_PORT=8443
NODE_COUNT=2
PG_PID=""
NGINX_PID=""
NODE_PIDS=()
NODE_HTTP_PORTS=()
JGROUPS_PORTS=()
PG_PORT=""
PG_DATA=""
PG_PASSWORD=""

# Installs Debian packages when a command is missing, as run-tests.sh does for Chromium.
ensure_package() {
  local package="$1" probe="$2"
  if [ -e "$probe" ] || command -v "$probe" >/dev/null 2>&1; then
    return 0
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null \
      || fail "$package is missing; install it with: sudo apt-get install -y $package"
    sudo="sudo"
  fi
  command -v apt-get >/dev/null 2>&1 || fail "$package is missing and this is not a Debian-like system; install it"
  log "Installing $package (Debian) ..."
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$package" >/dev/null
}

postgres_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1
}

# A free TCP port on loopback, from a range the demo's fixed ports are not in.
free_port() {
  local port
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 20000))
    if ! port_in_use "$port"; then
      printf '%s' "$port"
      return 0
    fi
  done
  fail "no free port found"
}

# A free JGroups port for a node, from Keycloak's default 7800 up. JGroups' failure detection (FD_SOCK2) also
# listens on that port + 50000, which must be free too; from 7800 it stays clear of the ports the demo uses.
free_jgroups_port() {
  local port
  for port in $(seq 7800 7999); do
    if ! port_in_use "$port" && ! port_in_use $((port + 50000)) && [[ " ${JGROUPS_PORTS[*]} " != *" $port "* ]]; then
      printf '%s' "$port"
      return 0
    fi
  done
  fail "no free JGroups port between 7800 and 7999"
}

# PostgreSQL refuses to run as root: as root, its commands run as the postgres user the Debian package creates.
AS_POSTGRES=()
[ "$(id -u)" -ne 0 ] || AS_POSTGRES=(runuser -u postgres --)
as_postgres() {
  "${AS_POSTGRES[@]}" "$@"
}

start_postgres() {
  local bin root; bin="$(postgres_bin)"
  root="$CLUSTER_DIR/postgres"
  PG_PORT="$(free_port)"
  PG_PASSWORD="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  # An earlier run's database, also where it had to live in /tmp (see below).
  [ ! -L "$root" ] || rm -rf "$(readlink -f "$root")"
  rm -rf "$root"
  mkdir -p "$root"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres: "$root"
    # The postgres user must reach the folder; a checkout under a private home (such as /root) does not let it.
    if ! runuser -u postgres -- test -w "$root"; then
      rm -rf "$root"
      root="$(mktemp -d /tmp/smart-demo-pgdata.XXXXXX)"
      chown postgres: "$root"
      ln -sfn "$root" "$CLUSTER_DIR/postgres"
    fi
  fi
  PG_DATA="$root/data"
  local password_file="$root/initial-password"
  as_postgres sh -c "umask 077; cat > '$password_file'" <<< "$PG_PASSWORD"
  log "Creating a PostgreSQL database (log: .demo/cluster/postgres.log) ..."
  as_postgres "$bin/initdb" -D "$PG_DATA" -U keycloak --auth=scram-sha-256 --pwfile="$password_file" \
    --encoding=UTF8 --locale=C > "$CLUSTER_DIR/initdb.log" 2>&1 || { cat "$CLUSTER_DIR/initdb.log" >&2; fail "initdb failed"; }
  rm -f "$password_file"
  start_detached "${AS_POSTGRES[@]}" "$bin/postgres" -D "$PG_DATA" -p "$PG_PORT" -k "$root" \
    -c listen_addresses=127.0.0.1 > "$CLUSTER_DIR/postgres.log" 2>&1
  PG_PID=$!
  echo "$PG_PID" >> "$PID_FILE"
  local deadline=$((SECONDS + 60))
  until PGPASSWORD="$PG_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d postgres -Atqc 'select 1' >/dev/null 2>&1; do
    kill -0 "$PG_PID" 2>/dev/null || { tail -n 20 "$CLUSTER_DIR/postgres.log" >&2; fail "PostgreSQL stopped during start-up"; }
    [ "$SECONDS" -lt "$deadline" ] || fail "PostgreSQL did not start within 60 s; see .demo/cluster/postgres.log"
    sleep 0.5
  done
  PGPASSWORD="$PG_PASSWORD" "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U keycloak -d postgres -qc 'create database keycloak' >/dev/null
}

# conf/keycloak.conf of a cluster node: the pack's options, then the tested production options.
cluster_keycloak_conf() {
  cat realm-export/keycloak.conf docker/cluster/keycloak-cluster.conf
}

# One built Keycloak home per node: kc.sh build runs once (only when the providers or options changed), and each node
# gets its own copy, so that the nodes never share data/ (transaction logs, temporary files).
build_cluster_keycloak() {
  local build="$CLUSTER_DIR/keycloak-build" stamp
  stamp="$({ cluster_keycloak_conf; cat "$KC_HOME"/providers/*.jar; } | cksum)"
  if [ ! -f "$build/.smart-build-stamp" ] || [ "$(cat "$build/.smart-build-stamp")" != "$stamp" ]; then
    log "Building Keycloak for production (kc.sh build, PostgreSQL, cluster; log: .demo/cluster/build.log) ..."
    rm -rf "$build"
    cp -a "$KC_HOME" "$build"
    rm -rf "$build/data"
    cluster_keycloak_conf > "$build/conf/keycloak.conf"
    "$build/bin/kc.sh" build > "$CLUSTER_DIR/build.log" 2>&1 || { tail -n 40 "$CLUSTER_DIR/build.log" >&2; fail "kc.sh build failed"; }
    printf '%s' "$stamp" > "$build/.smart-build-stamp"
  fi
  local node
  for node in $(seq 1 "$NODE_COUNT"); do
    rm -rf "$CLUSTER_DIR/node$node"
    cp -a "$build" "$CLUSTER_DIR/node$node"
  done
  mkdir -p "$CLUSTER_DIR/node1/data/import"
  cp "$DEMO_REALM_JSON" "$CLUSTER_DIR/node1/data/import/smart-realm.json"
}

start_cluster_node() {
  local node="$1" http_port management_port jgroups_port
  http_port="$(free_port)"; management_port="$(free_port)"; jgroups_port="$(free_jgroups_port)"
  JGROUPS_PORTS+=("$jgroups_port")
  local import=()
  [ "$node" != 1 ] || import=(--import-realm)
  log "Starting Keycloak node $node (production mode, HTTP on 127.0.0.1:$http_port; log: .demo/cluster/node$node.log) ..."
  KC_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/keycloak" KC_DB_USERNAME=keycloak KC_DB_PASSWORD="$PG_PASSWORD" \
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    start_detached "$CLUSTER_DIR/node$node/bin/kc.sh" start --optimized "${import[@]}" \
      --http-host=127.0.0.1 --http-port="$http_port" --http-management-port="$management_port" \
      --cache-embedded-network-bind-address=127.0.0.1 --cache-embedded-network-bind-port="$jgroups_port" \
      > "$CLUSTER_DIR/node$node.log" 2>&1
  local pid=$!
  echo "$pid" >> "$PID_FILE"
  NODE_PIDS+=("$pid")
  NODE_HTTP_PORTS+=("$http_port")
  wait_until_ok "Keycloak node $node" "http://127.0.0.1:$http_port/realms/smart/.well-known/smart-configuration" \
    "$pid" "$CLUSTER_DIR/node$node.log"
}

# Both nodes must be in one Infinispan cluster view before the load balancer spreads requests over them.
wait_for_cluster_view() {
  local deadline=$((SECONDS + 60))
  until grep -q "ISPN000094.*($NODE_COUNT)" "$CLUSTER_DIR/node$NODE_COUNT.log"; do
    [ "$SECONDS" -lt "$deadline" ] || fail "the Keycloak nodes did not form one cluster within 60 s; see .demo/cluster/node*.log"
    sleep 1
  done
  log "Cluster formed: $(grep -o 'ISPN000094.*' "$CLUSTER_DIR/node$NODE_COUNT.log" | tail -n 1)"
}

start_nginx() {
  local prefix="$CLUSTER_DIR/nginx"
  rm -rf "$prefix"
  mkdir -p "$prefix"
  log "Making a self-signed TLS certificate for localhost ..."
  openssl req -x509 -newkey rsa:2048 -nodes -days 7 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
    -keyout "$prefix/localhost.key" -out "$prefix/localhost.crt" >/dev/null 2>&1 || fail "openssl could not make a certificate"
  sed -e "s|@PREFIX@|$prefix|g" -e "s|@HTTP_PORT@|$KC_PORT|g" -e "s|@HTTPS_PORT@|$HTTPS_PORT|g" \
      -e "s|@NODE1@|127.0.0.1:${NODE_HTTP_PORTS[0]}|g" -e "s|@NODE2@|127.0.0.1:${NODE_HTTP_PORTS[1]}|g" \
      -e "s|@CERT@|$prefix/localhost.crt|g" -e "s|@KEY@|$prefix/localhost.key|g" \
      "$CLUSTER_CONF_DIR/nginx.conf.template" > "$prefix/nginx.conf"
  log "Starting nginx on http://localhost:$KC_PORT and https://localhost:$HTTPS_PORT (log: .demo/cluster/nginx/error.log) ..."
  start_detached "$(command -v nginx || echo /usr/sbin/nginx)" -c "$prefix/nginx.conf" -p "$prefix" -g 'daemon off;' \
    > "$CLUSTER_DIR/nginx.out" 2>&1
  NGINX_PID=$!
  echo "$NGINX_PID" >> "$PID_FILE"
  wait_until_ok "nginx" "$REALM_URL/.well-known/smart-configuration" "$NGINX_PID" "$prefix/error.log"
}

start_cluster() {
  ensure_package postgresql "$(postgres_bin)/initdb"
  ensure_package nginx nginx
  ensure_package openssl openssl
  [ -n "$(postgres_bin)" ] || fail "PostgreSQL's programs are missing after installing postgresql"
  mkdir -p "$CLUSTER_DIR"
  start_postgres
  build_cluster_keycloak
  local node
  for node in $(seq 1 "$NODE_COUNT"); do
    start_cluster_node "$node"
  done
  wait_for_cluster_view
  start_nginx
}

stop_cluster() {
  stop_process "$NGINX_PID"
  local pid
  for pid in "${NODE_PIDS[@]}"; do
    stop_process "$pid"
  done
  stop_process "$PG_PID"
}

print_cluster_summary() {
  cat <<EOF
  Production shape (--cluster): nginx on http://localhost:$KC_PORT and https://localhost:$HTTPS_PORT (self-signed
  certificate, .demo/cluster/nginx/localhost.crt) spreads requests over two Keycloak nodes in production mode:
    node 1  http://127.0.0.1:${NODE_HTTP_PORTS[0]}   node 2  http://127.0.0.1:${NODE_HTTP_PORTS[1]}
  They share PostgreSQL on 127.0.0.1:$PG_PORT (database keycloak, user keycloak, a password made for this run).
EOF
}
