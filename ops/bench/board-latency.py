#!/usr/bin/env python3
"""Board latency: time from an HTTP ingest returning (the report is stored) to the SSE `card` event that shows it.
Runs against a local server (default http://127.0.0.1:8080, local accounts). Usage: board-latency.py [samples]"""
import base64, json, statistics, sys, threading, time, urllib.request, uuid, datetime

BASE = "http://127.0.0.1:8080"
SYSTEM, BARRIER = "support-llm-eu", "interlock"
samples = int(sys.argv[1]) if len(sys.argv) > 1 else 20
auth = lambda user: "Basic " + base64.b64encode(f"{user}:tracker".encode()).decode()
seen = {}

def listen():
    request = urllib.request.Request(BASE + "/api/board/stream", headers={"Authorization": auth("operator")})
    with urllib.request.urlopen(request) as stream:
        event = None
        for raw in stream:
            line = raw.decode().rstrip("\n")
            if line.startswith("event:"):
                event = line[6:].strip()
            elif event == "card" and line.startswith("data:") and f'"systemId":"{SYSTEM}"' in line:
                card = json.loads(line[5:])
                seen[BARRIER in card["degradedBarriers"]] = time.perf_counter()

threading.Thread(target=listen, daemon=True).start()
time.sleep(1.5)
latencies = []
for i in range(samples):
    degrade = i % 2 == 0
    event = {"specversion": "1.0", "id": str(uuid.uuid4()), "source": "/bench", "subject": SYSTEM,
             "type": "ai.barrier.degraded" if degrade else "ai.barrier.restored",
             "time": datetime.datetime.now(datetime.timezone.utc).isoformat(), "data": {"barrierId": BARRIER}}
    seen.pop(degrade, None)
    request = urllib.request.Request(BASE + "/api/ingest", data=json.dumps(event).encode(), method="POST",
                                     headers={"Authorization": auth("ingest"), "Content-Type": "application/json"})
    urllib.request.urlopen(request).read()
    stored = time.perf_counter()
    deadline = stored + 10
    while degrade not in seen and time.perf_counter() < deadline:
        time.sleep(0.002)
    if degrade in seen:
        latencies.append((seen[degrade] - stored) * 1000)
    time.sleep(0.3)
latencies.sort()
print(f"RESULT samples={len(latencies)}/{samples} median={statistics.median(latencies):.0f}ms "
      f"p90={latencies[int(len(latencies) * 0.9) - 1]:.0f}ms max={latencies[-1]:.0f}ms")
