#!/usr/bin/env bash
# Ingest throughput in one run: raw KafkaConsumer -> JDBC batch insert vs. the tracker's own ingest, both into the
# same PostgreSQL, the broker in the same JVM. Usage: ops/bench/ingest-benchmark.sh [records] [systems]
# Needs PostgreSQL on 127.0.0.1:5432 (database `test`, trust auth) or TRACKER_DB_URL / _USER / _PASSWORD.
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-100000}
systems=${2:-100}
shift $(( $# > 2 ? 2 : $# ))   # further arguments go to the server, e.g. --axon.eventhandling.processors.fleet.initial-segment-count=4
jar=ops/target/tracker-server.jar
[ -f "$jar" ] || ./mvnw -q -B -DskipTests install
schema="bench_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
data=$(mktemp -d)
trap 'rm -rf "$data"; psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null' EXIT
java -Xmx2g -jar "$jar" --spring.profiles.active=bench \
  --spring.datasource.url="${TRACKER_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=$schema" \
  --spring.flyway.schemas="$schema" --tracker.data-dir="$data" \
  --bench.records="$records" --bench.systems="$systems" "$@" | grep --line-buffered -E "RESULT|raw baseline|tracker ingest|caught up|ERROR"
