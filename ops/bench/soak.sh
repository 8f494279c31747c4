#!/usr/bin/env bash
# Soak: reports at a steady rate for a long time against the local server; every 30 s a line with heap after GC,
# ingest lag and how far each read model is behind the store, then a verdict on whether heap and lag stayed flat.
# Usage: ops/bench/soak.sh [reports-per-second=150] [minutes=20] [systems=50]
# (Half the end-to-end rate that ingest-benchmark.sh measured is the rate issue 11 asks for.)
set -euo pipefail
cd "$(dirname "$0")/../.."
rate=${1:-150}
minutes=${2:-20}
systems=${3:-50}
jar=${SOAK_JAR:-ops/target/tracker-server.jar}  # a copy lets you rebuild while it runs
[ -f "$jar" ] || ./mvnw -q -B -DskipTests install
data=${SOAK_DATA:-$(mktemp -d)}  # SOAK_DATA keeps the data directory (and its H2 database) for a look afterwards
port=${SOAK_PORT:-18480}
kafka=${SOAK_KAFKA_PORT:-19480}
java -Xmx1g -jar "$jar" --server.port="$port" --tracker.local-kafka.port="$kafka" --tracker.data-dir="$data" \
  --tracker.simulator.enabled=false >"$data/server.log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; [ -n "${SOAK_DATA:-}" ] || rm -rf "$data"' EXIT
until curl -sf "http://127.0.0.1:$port/actuator/health/readiness" >/dev/null; do sleep 1; done
python3 - "$port" "$rate" "$minutes" "$systems" <<'PY'
import base64, json, sys, time, urllib.request, uuid, datetime, statistics
port, rate, minutes, systems = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
base = f"http://127.0.0.1:{port}"
def call(user, path, body=None, method=None):
    req = urllib.request.Request(base + path, data=None if body is None else json.dumps(body).encode(),
                                 method=method or ("POST" if body is not None else "GET"),
                                 headers={"Authorization": "Basic " + base64.b64encode(f"{user}:tracker".encode()).decode(),
                                          "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            text = r.read().decode()
    except urllib.error.HTTPError as e:
        if e.code != 503 or "/actuator/health" not in path:
            raise
        text = e.read().decode()  # health DOWN answers 503 with its details
    return json.loads(text) if text else None
ids = [f"soak-{i}" for i in range(systems)]
for s in ids:
    try: call("admin", "/api/systems", {"id": s, "kind": "LANGUAGE_MODEL", "template": "LANGUAGE_MODEL"})
    except urllib.error.HTTPError as e:
        if e.code != 409: raise
barriers = ["adversarial-training", "anomaly-monitor", "interpretability", "deployment-gate", "output-filter"]
def event(n):
    now = datetime.datetime.now(datetime.timezone.utc).isoformat().replace("+00:00", "Z")
    kind = "ai.barrier.tripped" if n % 10 < 7 else "ai.barrier.breached"
    data = {"barrierId": barriers[n % len(barriers)]}
    if kind != "ai.barrier.tripped": data["chainId"] = f"c-{n // 4}"
    return {"specversion": "1.0", "id": str(uuid.uuid4()), "source": "/soak", "type": kind,
            "subject": ids[n % len(ids)], "time": now, "datacontenttype": "application/json", "data": data}
def sample():
    heap = call("admin", "/actuator/metrics/jvm.memory.used?tag=area:heap")["measurements"][0]["value"]
    health = call("admin", "/actuator/health/ingest")
    if health.get("status") != "UP":
        print("ingest health", json.dumps(health), flush=True)
    ingest = health.get("details", {}).get("barrier-events-ingest", {})
    behind, head = {}, 0
    for p in ["incident-timeline", "fleet", "operator-board", "barrier-statistics"]:
        s = call("admin", f"/api/admin/projections/{p}/replay")
        behind[p] = s["head"] - s["position"]
        head = max(head, s["head"])
    return heap, ingest.get("lag", 0), behind, head
end = time.time() + minutes * 60
n, samples, next_sample, batch = 0, [], time.time() + 30, max(1, rate // 2)  # one request every half second
while time.time() < end:
    began = time.time()
    call("ingest", "/api/ingest", [event(n + i) for i in range(batch)])
    n += batch
    time.sleep(max(0, batch / rate - (time.time() - began)))
    if time.time() >= next_sample:
        heap, lag, behind, head = sample()
        samples.append((heap, max(behind.values())))
        print(f"t={len(samples) * 30:>5}s sent={n} events={head} heap={heap / 2**20:.0f}MiB kafka-lag={lag} read-models-behind={behind}", flush=True)
        next_sample += 30
q = max(1, len(samples) // 4)
first, last = samples[:q], samples[-q:]
heap_growth = statistics.mean(h for h, _ in last) / statistics.mean(h for h, _ in first)
print(f"RESULT soak rate={rate}/s minutes={minutes} reports={n} heap-last-quarter/first-quarter={heap_growth:.2f} "
      f"read-models-behind-first={statistics.mean(b for _, b in first):.0f} last={statistics.mean(b for _, b in last):.0f}")
PY
