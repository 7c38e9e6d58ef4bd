#!/usr/bin/env bash
# `npm run test:servers`: starts the servers, runs the server-backed suites (*.int-spec.ts)
# against them, and stops the servers again on any exit, unless KEEP_SERVERS=1 (then they
# stay up for the next run or for debugging). What runs where:
#   - docker/compose.yml: one insecure EventStoreDB node (the contract) and a one-member
#     MongoDB replica set (the contract, the insert races, a step-down mid-transaction);
#   - docker/compose.yml, profile `secure`: a TLS node with authentication, where the
#     application user `budget-app` gets its ACL (eventstoredb-permissions grant) and the
#     contract and the permission check run as that user;
#   - docker/compose.test-cluster.yml: three nodes whose leader the failover suite kills.
# SERVERS_ONLY=single skips the secure node and the cluster (faster, less coverage).
set -euo pipefail
cd "$(dirname "$0")/.."

single=(docker compose -f docker/compose.yml)
secure=(docker compose -f docker/compose.yml --profile secure)
cluster=(docker compose -f docker/compose.test-cluster.yml)
all="${SERVERS_ONLY:-all}"

if ! docker compose version >/dev/null 2>&1 || ! docker info >/dev/null 2>&1; then
  echo "test:servers needs Docker with the compose plugin and a running engine." >&2
  echo "Without them, \`npm test\` runs every suite on the embedded stores." >&2
  exit 1
fi

stop_servers() {
  if [[ "${KEEP_SERVERS:-0}" == "1" ]]; then
    echo "KEEP_SERVERS=1: servers left running; stop them with: ${secure[*]} down; ${cluster[*]} down"
    return
  fi
  "${secure[@]}" down || true
  [[ "$all" == "all" ]] && "${cluster[@]}" down || true
}
# Set before `up` so that servers half started by a failing `up` are stopped as well.
trap stop_servers EXIT

# --wait returns once the healthchecks pass (EventStoreDB live, MongoDB primary).
if [[ "$all" == "all" ]]; then
  # Only the node and its certificates: the permissions are granted from here, below.
  "${secure[@]}" up -d --wait eventstoredb mongodb eventstoredb-secure
  "${cluster[@]}" up -d --wait
else
  "${single[@]}" up -d --wait
fi

export EVENTSTORE_CONNECTION_STRING='esdb://localhost:2113?tls=false'
export MONGODB_URL='mongodb://localhost:27017/?replicaSet=rs0'

if [[ "$all" == "all" ]]; then
  mkdir -p docker/.certs
  "${secure[@]}" cp eventstoredb-secure:/certs/ca/ca.crt docker/.certs/ca.crt
  app_password="${BUDGET_ESDB_APP_PASSWORD:-$(node -e 'process.stdout.write(require("crypto").randomBytes(18).toString("base64url"))')}"
  tls="tls=true&tlsCAFile=docker/.certs/ca.crt"
  export EVENTSTORE_ADMIN_CONNECTION_STRING="esdb://admin:${EVENTSTORE_ADMIN_PASSWORD:-changeit}@localhost:2114?${tls}"
  export EVENTSTORE_APP_CONNECTION_STRING="esdb://budget-app:${app_password}@localhost:2114?${tls}"
  # The same two steps an operator runs (docs/deployment.md, "EventStoreDB permissions").
  EVENTSTORE_CONNECTION_STRING="$EVENTSTORE_APP_CONNECTION_STRING" npm run --silent eventstoredb:permissions -- grant
  EVENTSTORE_CONNECTION_STRING="$EVENTSTORE_APP_CONNECTION_STRING" npm run --silent eventstoredb:permissions -- check

  export EVENTSTORE_CLUSTER_CONNECTION_STRING='esdb://localhost:2121,localhost:2122,localhost:2123?tls=false&nodePreference=leader'
  export EVENTSTORE_CLUSTER_COMPOSE='docker/compose.test-cluster.yml'
  # Server-backed benchmarks: headPosition and append cost at 300 and 1000 events a stream.
  npx jest --testPathPatterns 'int-spec'
  node -r @swc-node/register bench/eventstoredb.bench.ts
else
  npx jest --testPathPatterns 'int-spec'
fi
