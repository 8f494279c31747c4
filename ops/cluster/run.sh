#!/usr/bin/env bash
# The production topology on one machine without Docker: the jar's standalone KRaft broker, N tracker servers in one
# consumer group, one PostgreSQL event store (a schema of its own in the local PostgreSQL).
# Usage: ops/cluster/run.sh [servers=3] [first-http-port=8081]   (Ctrl-C stops everything)
# Needs PostgreSQL on 127.0.0.1:5432 (trust auth, database `test`) or TRACKER_DB_URL pointing at another database.
set -euo pipefail
cd "$(dirname "$0")/../.."
servers=${1:-3}
first_port=${2:-8081}
jar=ops/target/tracker-server.jar
[ -f "$jar" ] || ./mvnw -q -B -DskipTests install
db_url=${TRACKER_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}
schema=${TRACKER_CLUSTER_SCHEMA:-cluster}
broker_port=${TRACKER_BROKER_PORT:-9192}
data=${TRACKER_CLUSTER_DATA:-ops/target/cluster}
mkdir -p "$data"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA IF NOT EXISTS $schema" >/dev/null

pids=()
stop() { echo "stopping"; kill "${pids[@]}" 2>/dev/null || true; wait; }
trap stop EXIT INT TERM

java -Xmx512m -jar "$jar" --tracker.mode=broker --tracker.data-dir="$data/broker" \
  --tracker.local-kafka.port="$broker_port" >"$data/broker.log" 2>&1 &
pids+=($!)
until (exec 3<>/dev/tcp/127.0.0.1/"$broker_port") 2>/dev/null; do sleep 1; done
echo "broker   127.0.0.1:$broker_port   (log $data/broker.log)"

for i in $(seq 1 "$servers"); do
  port=$((first_port + i - 1))
  java -Xmx768m -jar "$jar" --server.port="$port" --tracker.data-dir="$data/node-$i" \
    --tracker.local-kafka.enabled=false --spring.kafka.bootstrap-servers="127.0.0.1:$broker_port" \
    --spring.datasource.url="$db_url?currentSchema=$schema" --spring.datasource.username="${TRACKER_DB_USER:-postgres}" \
    --spring.datasource.password="${TRACKER_DB_PASSWORD:-}" --spring.flyway.schemas="$schema" \
    --tracker.ingest.instance-id="node-$i" --tracker.simulator.enabled="$([ "$i" = 1 ] && echo true || echo false)" \
    >"$data/node-$i.log" 2>&1 &
  pids+=($!)
  # the first server creates the schema; the others wait for it
  if [ "$i" = 1 ]; then
    until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; do sleep 2; done
  fi
  echo "server   http://127.0.0.1:$port   (log $data/node-$i.log)"
done
echo "the first server runs the simulated fleet; Ctrl-C stops everything"
wait
