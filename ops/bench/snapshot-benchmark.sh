#!/usr/bin/env bash
# Load time of a system aggregate with N events (with snapshots, then without) against a fresh one, on the local
# PostgreSQL. Usage: ops/bench/snapshot-benchmark.sh [events]
set -euo pipefail
cd "$(dirname "$0")/../.."
events=${1:-100000}
jar=ops/target/tracker-server.jar
[ -f "$jar" ] || ./mvnw -q -B -DskipTests install
schema="bench_snap_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
data=$(mktemp -d)
trap 'rm -rf "$data"; psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null 2>&1' EXIT
java -Xmx2g -jar "$jar" --spring.profiles.active=bench --bench.mode=snapshots --bench.events="$events" \
  --spring.datasource.url="${TRACKER_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=$schema" \
  --spring.flyway.schemas="$schema" --tracker.data-dir="$data" \
  | grep --line-buffered -E "RESULT|events written|ERROR"
