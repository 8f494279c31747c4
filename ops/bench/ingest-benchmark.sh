#!/usr/bin/env bash
# Throughput and latency in one run, everything running as in production, beside its baselines (a raw KafkaConsumer ->
# JDBC batch insert, a raw ordered scan of the event table, plain Axon on a slice), all into the same PostgreSQL, the
# broker in the same JVM. Ends with one RESULT line (see the README's benchmark section).
# Usage: ops/bench/ingest-benchmark.sh [records] [systems] [--server.options...]
# Needs PostgreSQL on 127.0.0.1:5432 (database `test`, trust auth) or TRACKER_DB_URL / _USER / _PASSWORD.
# BENCH_JFR=/tmp/bench.jfr records a JDK Flight Recorder profile of the run; BENCH_HEAP=6g sets the server's heap (2g);
# BENCH_KEEP=1 keeps the run's database schema (bench_<time>) for a look at the read models afterwards.
set -euo pipefail
cd "$(dirname "$0")/../.."
records=${1:-100000}
systems=${2:-100}
shift $(( $# > 2 ? 2 : $# ))   # further arguments go to the server, e.g. --axon.eventhandling.processors.fleet.initial-segment-count=4
jar=${BENCH_JAR:-ops/target/tracker-server.jar}
[ -f "$jar" ] || ./mvnw -q -B -DskipTests install
schema="bench_$(date +%s)"
psql -h 127.0.0.1 -U postgres -d test -qc "CREATE SCHEMA $schema" >/dev/null
data=$(mktemp -d)
if [ -n "${BENCH_KEEP:-}" ]; then
  echo "keeping the database schema $schema" >&2
  trap 'rm -rf "$data"' EXIT
else
  trap 'rm -rf "$data"; PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d test -qc "DROP SCHEMA $schema CASCADE" >/dev/null' EXIT
fi
jfr=()
[ -n "${BENCH_JFR:-}" ] && jfr=("-XX:StartFlightRecording=filename=$BENCH_JFR,settings=profile,dumponexit=true")
java "-Xmx${BENCH_HEAP:-2g}" "${jfr[@]}" -jar "$jar" --spring.profiles.active=bench \
  --spring.datasource.url="${TRACKER_DB_URL:-jdbc:postgresql://127.0.0.1:5432/test}?currentSchema=$schema" \
  --spring.flyway.schemas="$schema" --tracker.data-dir="$data" \
  --bench.records="$records" --bench.systems="$systems" "$@" | grep --line-buffered -E "RESULT|produced|raw baseline|end to end|replay:|raw scan|peer \(|latency:|ERROR"
