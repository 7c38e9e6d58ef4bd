#!/bin/sh
# The image's entrypoint: the first argument picks the program.
#   api                 the HTTP API and dashboard (default)
#   projector           projections and process managers, under leases
#   budget <command>    the admin and audit CLI (also: cli <command>)
#   eventstoredb-permissions grant|check
#                       the EventStoreDB application user's ACL (docs/deployment.md)
#   anything else       run as given (e.g. sh)
set -e
cd /app
case "${1:-api}" in
  api)
    [ "$#" -gt 0 ] && shift
    exec node -r @swc-node/register apps/api/src/main.ts "$@"
    ;;
  projector)
    shift
    exec node -r @swc-node/register apps/projector/src/main.ts "$@"
    ;;
  budget | cli)
    shift
    exec node bin/budget.js "$@"
    ;;
  eventstoredb-permissions)
    shift
    exec node -r @swc-node/register libs/event-store/src/eventstoredb/permissions/main.ts "$@"
    ;;
  *)
    exec "$@"
    ;;
esac
