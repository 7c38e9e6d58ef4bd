#!/usr/bin/env bash
# `npm run test:servers`: starts EventStoreDB and MongoDB (docker/compose.yml), runs the
# server-backed suites (*.int-spec.ts) against them, and stops the servers again on any
# exit, unless KEEP_SERVERS=1 (then they stay up for the next run or for debugging).
set -euo pipefail
cd "$(dirname "$0")/.."

compose=(docker compose -f docker/compose.yml)

if ! docker compose version >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "test:servers needs Docker with the compose plugin and a running engine." >&2
  echo "Without them, \`npm test\` runs every suite on the embedded stores." >&2
  exit 1
fi

stop_servers() {
  if [[ "${KEEP_SERVERS:-0}" == "1" ]]; then
    echo "KEEP_SERVERS=1: servers left running; stop them with: ${compose[*]} down"
  else
    "${compose[@]}" down
  fi
}
# Set before `up` so that servers half started by a failing `up` are stopped as well.
trap stop_servers EXIT

# --wait returns once both healthchecks pass (EventStoreDB live, MongoDB primary).
"${compose[@]}" up -d --wait

EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false' \
  MONGODB_URL='mongodb://localhost:27017/?replicaSet=rs0' \
  npx jest --testPathPatterns 'int-spec'
