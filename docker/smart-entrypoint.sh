#!/bin/bash
# The image's entrypoint: chooses the realm that `start --import-realm` imports, then runs kc.sh with the arguments
# it was given (by default the image's CMD, start --optimized --import-realm).
#   unset or false          the production realm "smart" (data/import/smart-realm.json): no users, no demo or
#                           Inferno clients, no secrets
#   SMART_IMPORT_DEMO=true  the demo realm "smart" instead (data/smart-demo/smart-realm.json): demo users and clients
#                           with PUBLISHED passwords and secrets. For the demo (docker-compose.yml) only; never on a
#                           Keycloak that anybody else can reach.
# Keycloak skips the import of a realm that already exists in the database, so the choice counts at the first start.
set -euo pipefail

home="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

case "${SMART_IMPORT_DEMO:-false}" in
  false) ;;
  true)
    # Same file name, so that start --import-realm sees only the demo realm (both are named "smart").
    cp "$home/data/smart-demo/smart-realm.json" "$home/data/import/smart-realm.json"
    echo "smart-entrypoint: SMART_IMPORT_DEMO=true: the DEMO realm (published passwords and secrets) is imported" >&2
    ;;
  *)
    echo "smart-entrypoint: SMART_IMPORT_DEMO must be true or false, not '$SMART_IMPORT_DEMO'" >&2
    exit 2
    ;;
esac

exec "$home/bin/kc.sh" "$@"
