import { useEffect, useMemo, useState } from "react";
import { get, send } from "../api";
import type { Me } from "../App";
import { Chart } from "../components/Chart";
import type { GroupStatistics, SystemView } from "../types";

interface Depth { fleet: Record<string, number>; bySystem: Record<string, Record<string, number>>; byOutcome: Record<string, number> }
interface Dependence {
  paths: { systemId: string; threatLine: string; consequenceLine: string; firstBarrierDemands: number; fullFailures: number;
    observedRate: number; predictedByIndependence: number }[];
  pairs: { systemId: string; first: string; second: string; bothDemanded: number; lift: number; lower: number; upper: number;
    holesLineUp: boolean }[];
}

const pct = (x: number) => `${(x * 100).toFixed(x < 0.01 ? 2 : 1)}%`;

export function StatisticsView({ me }: { me: Me }) {
  const [groupBy, setGroupBy] = useState("barrier");
  const [groups, setGroups] = useState<GroupStatistics[] | null>(null);
  const [depth, setDepth] = useState<Depth | null>(null);
  const [dependence, setDependence] = useState<Dependence | null>(null);
  const [trendOf, setTrendOf] = useState<string>("");
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setGroups(null);
    get<{ groups: GroupStatistics[] }>(`/api/statistics/barriers?groupBy=${groupBy}`)
      .then((s) => setGroups(s.groups)).catch((e) => setError(e.message));
  }, [groupBy]);
  useEffect(() => {
    get<Depth>("/api/statistics/depth").then(setDepth).catch((e) => setError(e.message));
    get<Dependence>("/api/statistics/dependence").then(setDependence).catch((e) => setError(e.message));
  }, []);

  const demanded = useMemo(() => (groups ?? []).filter((g) => g.demands > 0)
    .sort((a, b) => b.demands - a.demands).slice(0, 20), [groups]);

  const intervalOption = useMemo(() => ({
    grid: { left: 200, right: 30, top: 20, bottom: 40 },
    tooltip: { trigger: "item" },
    xAxis: { type: "value", min: 0, max: 1, name: "probability of failure on demand", nameLocation: "middle", nameGap: 26 },
    yAxis: { type: "category", data: demanded.map((g) => g.name + (g.systemId ? ` (${g.systemId})` : "")), inverse: true },
    series: [
      {
        type: "custom", name: "95% interval",
        data: demanded.map((g, i) => [i, g.pfdLower, g.pfdUpper]),
        renderItem: (_: unknown, api: any) => {
          const y = api.value(0);
          const from = api.coord([api.value(1), y]);
          const to = api.coord([api.value(2), y]);
          return { type: "group", children: [
            { type: "line", shape: { x1: from[0], y1: from[1], x2: to[0], y2: to[1] }, style: { stroke: "#3b5b92", lineWidth: 2 } },
            { type: "line", shape: { x1: from[0], y1: from[1] - 5, x2: from[0], y2: from[1] + 5 }, style: { stroke: "#3b5b92", lineWidth: 2 } },
            { type: "line", shape: { x1: to[0], y1: to[1] - 5, x2: to[0], y2: to[1] + 5 }, style: { stroke: "#3b5b92", lineWidth: 2 } },
          ] };
        },
      },
      { type: "scatter", name: "Jeffreys estimate", symbol: "diamond", symbolSize: 11, itemStyle: { color: "#c2571a" },
        data: demanded.map((g, i) => [g.pfd, i]) },
    ],
  }), [demanded]);

  const trendGroup = demanded.find((g) => g.key === trendOf) ?? demanded[0];
  const trendOption = useMemo(() => ({
    grid: { left: 50, right: 20, top: 30, bottom: 40 },
    legend: { top: 0 },
    tooltip: { trigger: "axis" },
    xAxis: { type: "category", data: (trendGroup?.weeklyTrend ?? []).map((w) => w.week) },
    yAxis: { type: "value", name: "per week" },
    series: [
      { type: "line", name: "demands", data: (trendGroup?.weeklyTrend ?? []).map((w) => w.demands) },
      { type: "line", name: "failures", lineStyle: { type: "dashed" }, symbol: "triangle",
        data: (trendGroup?.weeklyTrend ?? []).map((w) => w.failures) },
    ],
  }), [trendGroup]);

  const depthOption = useMemo(() => {
    const keys = Object.keys(depth?.fleet ?? {}).map(Number).sort((a, b) => a - b);
    return {
      grid: { left: 50, right: 20, top: 20, bottom: 40 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: keys.map(String), name: "barriers breached", nameLocation: "middle", nameGap: 26 },
      yAxis: { type: "value", name: "incidents" },
      series: [{ type: "bar", data: keys.map((k) => depth!.fleet[k]), itemStyle: { color: "#e0a526", borderColor: "#7a5a10" } }],
    };
  }, [depth]);

  if (error) return <p className="error" role="alert">{error}</p>;
  return (
    <section aria-labelledby="stats-title">
      <div className="view-head">
        <h1 id="stats-title">Barrier effectiveness</h1>
        <label>Group by <select value={groupBy} onChange={(e) => setGroupBy(e.target.value)}>
          <option value="barrier">barrier</option><option value="category">category</option><option value="kind">system kind</option>
        </select></label>
      </div>
      {!groups && <p className="loading">Computing…</p>}
      {groups && demanded.length === 0 && <p className="empty">No demands recorded yet.</p>}
      {demanded.length > 0 && (
        <>
          <h2>Probability of failure on demand, with its 95% interval</h2>
          <Chart option={intervalOption} height={Math.max(200, demanded.length * 26 + 70)}
                 label="Probability of failure on demand per group, with intervals" />
          <table className="list">
            <thead><tr><th>{groupBy}</th><th>Demands</th><th>Failures</th><th>PFD</th><th>95% interval</th><th>Risk reduction</th>
              <th>Availability</th><th>Claimed</th></tr></thead>
            <tbody>
              {demanded.map((g) => (
                <tr key={g.key}>
                  <td>{g.name}{g.systemId && <span className="meta"> · {g.systemId}</span>}</td>
                  <td>{g.demands}</td><td>{g.failures}</td><td>{pct(g.pfd)}</td>
                  <td>{pct(g.pfdLower)} – {pct(g.pfdUpper)}</td>
                  <td>×{g.riskReductionFactor.toFixed(1)}</td>
                  <td>{g.availability == null ? "—" : pct(g.availability)}</td>
                  <td>{g.claimedPfd == null ? "—" : <>{pct(g.claimedPfd)}{g.claimOutsideInterval && <strong> ⚠ not demonstrated</strong>}</>}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h2>Trend by week</h2>
          <label>Of <select value={trendGroup?.key ?? ""} onChange={(e) => setTrendOf(e.target.value)}>
            {demanded.map((g) => <option key={g.key} value={g.key}>{g.name}{g.systemId ? ` (${g.systemId})` : ""}</option>)}
          </select></label>
          <Chart option={trendOption} height={240} label="Demands and failures per week" />
        </>
      )}
      <h2>How close incidents came: barriers breached per incident</h2>
      {depth && Object.keys(depth.fleet).length === 0 && <p className="empty">No incidents yet.</p>}
      {depth && Object.keys(depth.fleet).length > 0 && <Chart option={depthOption} height={240} label="Incidents by depth reached" />}
      <h2>Do the holes line up?</h2>
      {dependence && (
        <>
          <table className="list">
            <thead><tr><th>System</th><th>Path</th><th>Full failures</th><th>Observed rate</th><th>Independence predicts</th></tr></thead>
            <tbody>
              {dependence.paths.filter((p) => p.firstBarrierDemands > 0).map((p) => (
                <tr key={`${p.systemId}${p.threatLine}${p.consequenceLine}`}>
                  <td>{p.systemId}</td><td>{p.threatLine} → {p.consequenceLine}</td><td>{p.fullFailures}</td>
                  <td>{pct(p.observedRate)}</td><td>{pct(p.predictedByIndependence)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="list">
            <thead><tr><th>System</th><th>When this failed</th><th>…this failed</th><th>Incidents</th><th>Lift</th><th>Interval</th><th></th></tr></thead>
            <tbody>
              {dependence.pairs.map((p) => (
                <tr key={`${p.systemId}${p.first}${p.second}`}>
                  <td>{p.systemId}</td><td>{p.first}</td><td>{p.second}</td><td>{p.bothDemanded}</td>
                  <td>×{p.lift.toFixed(2)}</td><td>{p.lower.toFixed(2)} – {p.upper.toFixed(2)}</td>
                  <td>{p.holesLineUp ? <strong>⚠ holes line up</strong> : ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {(me.roles.includes("ANALYST") || me.roles.includes("MANAGER") || me.roles.includes("ADMIN")) && <WhatIf />}
    </section>
  );
}

function WhatIf() {
  const [systems, setSystems] = useState<SystemView[]>([]);
  const [systemId, setSystemId] = useState("");
  const [barrier, setBarrier] = useState("");
  const [mode, setMode] = useState("hold");
  const [answer, setAnswer] = useState<{ incidentsJudged: number; changed: { incidentId: string; outcome: string; whatIfOutcome: string }[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => { get<{ items: SystemView[] }>("/api/systems").then((s) => setSystems(s.items)).catch(() => {}); }, []);
  const system = systems.find((s) => s.id === systemId);
  return (
    <form className="whatif" onSubmit={async (e) => {
      e.preventDefault();
      setError(null);
      try {
        setAnswer(await send("POST", `/api/systems/${systemId}/what-if`, { [mode]: [barrier] }));
      } catch (err) {
        setError((err as Error).message);
      }
    }}>
      <h2>What if…</h2>
      <label>System<select required value={systemId} onChange={(e) => { setSystemId(e.target.value); setBarrier(""); }}>
        <option value="">choose</option>{systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
      </select></label>
      <label>the barrier<select required value={barrier} onChange={(e) => setBarrier(e.target.value)}>
        <option value="">choose</option>
        {system?.bowtie.lines.flatMap((l) => l.barriers).map((b) => <option key={b.id} value={b.id}>{b.name}</option>)}
      </select></label>
      <label>had<select value={mode} onChange={(e) => setMode(e.target.value)}>
        <option value="hold">always held</option><option value="remove">not been there</option>
      </select></label>
      <button type="submit">Re-judge past incidents</button>
      {error && <p className="error" role="alert">{error}</p>}
      {answer && (
        <p aria-live="polite">{answer.changed.length} of {answer.incidentsJudged} incidents would have ended otherwise
          {answer.changed.length > 0 && ":"}</p>
      )}
      {answer && answer.changed.length > 0 && (
        <ul>{answer.changed.slice(0, 30).map((c) => (
          <li key={c.incidentId}><a href={`#incidents/${c.incidentId}`}>{c.incidentId}</a>: {c.outcome.replaceAll("_", " ").toLowerCase()} →{" "}
            {c.whatIfOutcome.replaceAll("_", " ").toLowerCase()}</li>))}</ul>
      )}
    </form>
  );
}
