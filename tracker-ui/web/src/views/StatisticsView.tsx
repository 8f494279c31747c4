import { changeMarks, TrendChangesList } from "../components/TrendChanges";
import { useEffect, useMemo, useRef, useState } from "react";
import { get } from "../api";
import { Chart } from "../components/Chart";
import { Field } from "../components/Field";
import { ResponseTimesTable } from "../components/ResponseTimesTable";
import { WhatIfForm } from "../components/WhatIfForm";
import {
  claimVerdict,
  dateTime,
  duration,
  factor,
  pathName,
  pct,
  prob,
  silBand,
  sinceLast,
  trendWords,
  words,
} from "../format";
import {
  OUTCOMES,
  type BarrierStatistics,
  type DependenceReport,
  type DepthDistribution,
  type GroupBy,
  type GroupStatistics,
  type Me,
  type ResponseTimesReport,
  type SystemList,
  type SystemView,
} from "../types";

const GROUPS: { value: GroupBy; label: string }[] = [
  { value: "barrier", label: "barrier" },
  { value: "version", label: "barrier version" },
  { value: "category", label: "category" },
  { value: "kind", label: "system kind" },
];

/** yyyy-mm-dd of a day `days` before today, in local time. */
function daysAgo(days: number): string {
  const d = new Date();
  d.setDate(d.getDate() - days);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** The window as the API's instants: from the start of the first day to the end of the last (local time). */
export function windowQuery(from: string, to: string): URLSearchParams {
  const query = new URLSearchParams();
  if (from) query.set("from", new Date(`${from}T00:00:00`).toISOString());
  if (to) {
    const end = new Date(`${to}T00:00:00`);
    end.setDate(end.getDate() + 1);
    query.set("to", end.toISOString());
  }
  return query;
}

const label = (g: GroupStatistics) =>
  g.name + (g.version != null ? ` v${g.version}` : "") + (g.systemId ? ` (${g.systemId})` : "");

/** Groups read at a time: a fleet of thousands of systems has tens of thousands of barriers. */
export const GROUPS_PAGE = 200;

export function StatisticsView({ me }: { me: Me }) {
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [groupBy, setGroupBy] = useState<GroupBy>("barrier");
  const [systemId, setSystemId] = useState("");
  const [showIdle, setShowIdle] = useState(false);
  const [systems, setSystems] = useState<SystemView[]>([]);
  const [statistics, setStatistics] = useState<BarrierStatistics | null>(null);
  const [depth, setDepth] = useState<DepthDistribution | null>(null);
  const [dependence, setDependence] = useState<DependenceReport | null>(null);
  const [responseTimes, setResponseTimes] = useState<ResponseTimesReport | null>(null);
  const [trendOf, setTrendOf] = useState<string>("");
  const [allPairs, setAllPairs] = useState(false);
  const [asked, setAsked] = useState(0);
  const [pagesRead, setPagesRead] = useState(1);
  // counts the questions asked (window, grouping, system): a further page of an earlier question is dropped
  const question = useRef(0);
  const [error, setError] = useState<string | null>(null);

  const badWindow = from !== "" && to !== "" && from > to;
  useEffect(() => {
    get<SystemList>("/api/systems")
      .then((s) => setSystems(s.items))
      .catch(() => {});
  }, []);
  useEffect(() => {
    if (badWindow) return;
    setError(null);
    setStatistics(null);
    const window = windowQuery(from, to);
    const scoped = new URLSearchParams(window);
    if (systemId) scoped.set("systemId", systemId);
    const stats = new URLSearchParams(scoped);
    stats.set("groupBy", groupBy);
    stats.set("size", String(GROUPS_PAGE));
    setPagesRead(1);
    question.current += 1;
    get<BarrierStatistics>(`/api/statistics/barriers?${stats}`)
      .then(setStatistics)
      .catch((e) => setError(e.message));
    get<DepthDistribution>(`/api/statistics/depth?${scoped}`)
      .then(setDepth)
      .catch((e) => setError(e.message));
    get<DependenceReport>(`/api/statistics/dependence?${scoped}`)
      .then(setDependence)
      .catch((e) => setError(e.message));
    get<ResponseTimesReport>(`/api/statistics/response-times?${scoped}`)
      .then(setResponseTimes)
      .catch((e) => setError(e.message));
  }, [from, to, groupBy, systemId, badWindow, asked]);

  /** The next page of groups (the most demanded first), added to those shown. */
  const showMore = () => {
    const query = new URLSearchParams(windowQuery(from, to));
    if (systemId) query.set("systemId", systemId);
    query.set("groupBy", groupBy);
    query.set("page", String(pagesRead));
    query.set("size", String(GROUPS_PAGE));
    const asking = question.current;
    get<BarrierStatistics>(`/api/statistics/barriers?${query}`)
      .then((next) => {
        if (question.current !== asking) return;
        setPagesRead((read) => read + 1);
        // demands that arrived meanwhile may have moved a group shown already onto this page: shown once, as now
        setStatistics((shown) => {
          if (!shown) return next;
          const keys = new Set(next.groups.map((g) => g.key));
          return { ...next, groups: [...shown.groups.filter((g) => !keys.has(g.key)), ...next.groups] };
        });
      })
      .catch((e) => setError(e.message));
  };
  const unread = statistics ? (statistics.total ?? statistics.groups.length) - pagesRead * GROUPS_PAGE : 0;

  const groups = useMemo(
    () =>
      (statistics?.groups ?? [])
        .filter((g) => showIdle || g.demands > 0 || g.silentPasses > 0)
        .sort((a, b) => b.demands - a.demands || b.silentPasses - a.silentPasses || a.key.localeCompare(b.key)),
    [statistics, showIdle],
  );
  const charted = useMemo(() => groups.filter((g) => g.demands > 0).slice(0, 25), [groups]);

  const intervalOption = useMemo(() => {
    // a log axis, because the SIL bands are decades; zero lower ends are drawn at the axis' left edge
    const positive = charted
      .flatMap((g) => [g.pfd.estimate, g.pfd.interval95.lower, g.claimedPfd ?? 1])
      .filter((x) => x > 0);
    const min = Math.min(1e-3, 10 ** Math.floor(Math.log10(Math.min(...positive, 1))));
    const at = (x: number) => Math.max(x, min);
    const bands = [
      [0.1, "SIL 1 ←"],
      [0.01, "SIL 2 ←"],
      [0.001, "SIL 3 ←"],
      [0.0001, "SIL 4 ←"],
    ] as const;
    return {
      grid: { left: 240, right: 30, top: 40, bottom: 50 },
      legend: { top: 0 },
      tooltip: { trigger: "item" },
      xAxis: {
        type: "log",
        min,
        max: 1,
        name: "probability of failure on demand (log scale)",
        nameLocation: "middle",
        nameGap: 28,
      },
      yAxis: {
        type: "category",
        data: charted.map(label),
        inverse: true,
        axisLabel: { width: 220, overflow: "truncate" },
      },
      series: [
        {
          type: "custom",
          name: "95% interval",
          data: charted.map((g, i) => [i, at(g.pfd.interval95.lower), at(g.pfd.interval95.upper)]),
          // echarts types the custom series' api loosely
          // eslint-disable-next-line @typescript-eslint/no-explicit-any
          renderItem: (_: unknown, api: any) => {
            const y = api.value(0);
            const start = api.coord([api.value(1), y]);
            const end = api.coord([api.value(2), y]);
            const style = { stroke: "#3b5b92", lineWidth: 2 };
            return {
              type: "group",
              children: [
                { type: "line", shape: { x1: start[0], y1: start[1], x2: end[0], y2: end[1] }, style },
                { type: "line", shape: { x1: start[0], y1: start[1] - 5, x2: start[0], y2: start[1] + 5 }, style },
                { type: "line", shape: { x1: end[0], y1: end[1] - 5, x2: end[0], y2: end[1] + 5 }, style },
              ],
            };
          },
          encode: { x: [1, 2], y: 0 },
        },
        {
          type: "scatter",
          name: "Jeffreys estimate",
          symbol: "diamond",
          symbolSize: 11,
          itemStyle: { color: "#c2571a" },
          data: charted.map((g, i) => [at(g.pfd.estimate), i]),
          markLine: {
            silent: true,
            symbol: "none",
            lineStyle: { type: "dotted", color: "#7a7f89" },
            label: { formatter: "{b}", position: "start" },
            data: bands.filter(([x]) => x > min).map(([x, name]) => ({ xAxis: x, name })),
          },
        },
        {
          type: "scatter",
          name: "one-sided 95% upper bound",
          symbol: "triangle",
          symbolRotate: -90,
          symbolSize: 10,
          itemStyle: { color: "#2f5ea8" },
          data: charted.map((g, i) => [at(g.pfd.upper95), i]),
        },
        {
          type: "scatter",
          name: "claimed",
          symbol: "rect",
          symbolSize: 9,
          itemStyle: { color: "#fff", borderColor: "#1d2430", borderWidth: 2 },
          data: charted.flatMap((g, i) => (g.claimedPfd == null ? [] : [[at(g.claimedPfd), i]])),
        },
      ],
    };
  }, [charted]);

  const trendGroup = charted.find((g) => g.key === trendOf) ?? charted[0];
  const trendOption = useMemo(
    () => ({
      grid: { left: 50, right: 20, top: 30, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: { type: "category", data: (trendGroup?.weeklyTrend ?? []).map((w) => w.weekStart), name: "week of" },
      yAxis: { type: "value", name: "per week", minInterval: 1 },
      series: [
        {
          type: "line",
          name: "demands",
          data: (trendGroup?.weeklyTrend ?? []).map((w) => w.demands),
          markLine: {
            symbol: "none",
            lineStyle: { type: "dotted" },
            data: changeMarks(trendGroup?.changes ?? []),
          },
        },
        {
          type: "line",
          name: "failures",
          lineStyle: { type: "dashed" },
          symbol: "triangle",
          data: (trendGroup?.weeklyTrend ?? []).map((w) => w.failures),
        },
      ],
    }),
    [trendGroup],
  );

  const depthKeys = useMemo(
    () =>
      Object.keys(depth?.fleet ?? {})
        .map(Number)
        .sort((a, b) => a - b),
    [depth],
  );
  const depthOption = useMemo(() => {
    const decal = [
      undefined,
      { symbol: "rect", dashArrayX: [1, 0], dashArrayY: [2, 4], rotation: 0.8 },
      { symbol: "circle", symbolSize: 0.6 },
      { symbol: "rect", dashArrayX: [[4, 2]], dashArrayY: [4, 2] },
    ];
    const colours = ["#9aa3b2", "#2f5ea8", "#e0a526", "#c2571a"];
    return {
      // patterns as well as colours; the chart keeps its own accessible name (no generated description)
      aria: { enabled: true, label: { enabled: false }, decal: { show: true } },
      grid: { left: 50, right: 20, top: 40, bottom: 40 },
      legend: { top: 0 },
      tooltip: { trigger: "axis" },
      xAxis: {
        type: "category",
        data: depthKeys.map(String),
        name: "barriers passed",
        nameLocation: "middle",
        nameGap: 26,
      },
      yAxis: { type: "value", name: "incidents", minInterval: 1 },
      series: OUTCOMES.map((o, i) => ({
        type: "bar",
        stack: "depth",
        name: words(o),
        itemStyle: { color: colours[i], borderColor: "#1d2430", borderWidth: 0.5, decal: decal[i] },
        data: depthKeys.map((k) => depth?.byOutcome[o]?.[k] ?? 0),
      })),
    };
  }, [depth, depthKeys]);

  const names = useMemo(() => {
    const result: Record<string, string> = {};
    systems.forEach((s) =>
      s.bowtie.lines.forEach((l) =>
        l.barriers.forEach((b) => {
          result[`${s.id}/${b.id}`] = b.name;
        }),
      ),
    );
    return result;
  }, [systems]);
  const barrierName = (system: string, id: string) => names[`${system}/${id}`] ?? id;
  const systemName = (id: string) => systems.find((s) => s.id === id)?.name ?? id;
  const pairs = useMemo(
    () =>
      [...(dependence?.pairs ?? [])].sort((a, b) => a.qValue - b.qValue || a.dependence.pValue - b.dependence.pValue),
    [dependence],
  );
  const shownPairs = allPairs ? pairs : pairs.slice(0, 15);

  return (
    <section aria-labelledby="stats-title">
      <div className="view-head">
        <h1 id="stats-title">Barrier effectiveness</h1>
      </div>
      <form className="filters window" aria-label="Time window and grouping" onSubmit={(e) => e.preventDefault()}>
        <Field label="From">
          <input type="date" value={from} max={to || undefined} onChange={(e) => setFrom(e.target.value)} />
        </Field>
        <Field label="To">
          <input type="date" value={to} min={from || undefined} onChange={(e) => setTo(e.target.value)} />
        </Field>
        <div className="presets" role="group" aria-label="Window presets">
          {[7, 30, 90].map((d) => (
            <button
              key={d}
              type="button"
              className="small"
              onClick={() => {
                setFrom(daysAgo(d - 1));
                setTo(daysAgo(0));
              }}
            >
              Last {d} days
            </button>
          ))}
          <button
            type="button"
            className="small"
            onClick={() => {
              setFrom("");
              setTo("");
            }}
          >
            All time
          </button>
        </div>
        <Field label="Group by">
          <select value={groupBy} onChange={(e) => setGroupBy(e.target.value as GroupBy)}>
            {GROUPS.map((g) => (
              <option key={g.value} value={g.value}>
                {g.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="System">
          <select value={systemId} onChange={(e) => setSystemId(e.target.value)}>
            <option value="">whole fleet</option>
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </Field>
        <button type="button" className="small recompute" onClick={() => setAsked(asked + 1)}>
          Recompute
        </button>
      </form>
      {badWindow && (
        <p className="error" role="alert">
          The window must start before it ends.
        </p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="hint">
        D demands and F failures are reported evidence only; S counts incidents that got past the barrier with no report
        about it, never folded into D. PFD: Jeffreys estimate with its 95% interval; the risk reduction (RRF) and the
        IEC 61508 SIL band come from the one-sided 95% upper bound.
      </p>
      {!statistics && !error && !badWindow && <p className="loading">Computing…</p>}
      {statistics && (
        <label className="choice">
          <input type="checkbox" checked={showIdle} onChange={(e) => setShowIdle(e.target.checked)} />
          show groups without demands
        </label>
      )}
      {statistics && groups.length === 0 && <p className="empty">No demands recorded in this window.</p>}
      {charted.length > 0 && (
        <>
          <h2>Probability of failure on demand, with its 95% interval</h2>
          <Chart
            option={intervalOption}
            height={Math.max(220, charted.length * 26 + 100)}
            label="Probability of failure on demand per group, with intervals"
          />
        </>
      )}
      {groups.length > 0 && (
        <div className="table-scroll">
          <table className="list stats" aria-label="Barrier statistics">
            <thead>
              <tr>
                <th scope="col">{GROUPS.find((g) => g.value === groupBy)?.label}</th>
                <th scope="col">
                  <abbr title="demands">D</abbr>
                </th>
                <th scope="col">
                  <abbr title="failures">F</abbr>
                </th>
                <th scope="col">
                  <abbr title="silent passes: incidents that got past with no report">S</abbr>
                </th>
                <th scope="col">PFD</th>
                <th scope="col">95% interval</th>
                <th scope="col">upper 95%</th>
                <th scope="col">
                  <abbr title="risk-reduction factor, from the upper bound">RRF</abbr>
                </th>
                <th scope="col">SIL</th>
                <th scope="col">Claim</th>
                <th scope="col">Availability</th>
                <th scope="col">
                  <abbr title="mean time between failures, with its one-sided 90% lower bound">MTBF (≥ 90%)</abbr>
                </th>
                <th scope="col">Trend</th>
                <th scope="col">Proof tests</th>
              </tr>
            </thead>
            <tbody>
              {groups.map((g) => (
                <tr
                  key={g.key}
                  data-group={g.key}
                  className={g.trend?.status === "WORSENING" ? "worsening" : undefined}
                >
                  <th scope="row">
                    {g.name}
                    {g.version != null && <> v{g.version}</>}
                    {(g.systemId || g.acting === false || g.removed) && (
                      <span className="sub meta">
                        {g.systemId}
                        {g.acting === false && (
                          <span className="tag" title="a detection barrier: it sees, it does not stop">
                            detects
                          </span>
                        )}
                        {g.removed && <span className="tag">removed</span>}
                      </span>
                    )}
                  </th>
                  <td>{g.demands}</td>
                  <td>{g.failures}</td>
                  <td>{g.silentPasses}</td>
                  <td data-pfd>{prob(g.pfd.estimate)}</td>
                  <td>
                    {prob(g.pfd.interval95.lower)} – {prob(g.pfd.interval95.upper)}
                  </td>
                  <td>{prob(g.pfd.upper95)}</td>
                  <td>{factor(g.pfd.riskReductionFactor)}</td>
                  <td data-sil>{silBand(g.pfd.sil)}</td>
                  <td>
                    {g.claimedPfd == null ? (
                      "—"
                    ) : (
                      <>
                        {prob(g.claimedPfd)}{" "}
                        <span className={g.claim === "NOT_DEMONSTRATED" ? "verdict bad" : "verdict"}>
                          {claimVerdict(g.claim)}
                        </span>
                      </>
                    )}
                  </td>
                  <td>{pct(g.availability)}</td>
                  <td>
                    {g.timeBetweenFailures?.meanHours == null
                      ? "no failures"
                      : duration(g.timeBetweenFailures.meanHours)}
                    {g.timeBetweenFailures && (
                      <span className="meta"> (≥ {duration(g.timeBetweenFailures.lower90Hours)})</span>
                    )}
                  </td>
                  <td data-trend={g.trend?.status}>{trendWords(g.trend)}</td>
                  <td>
                    {!g.proofTests || g.proofTests.count === 0 ? (
                      "none"
                    ) : (
                      <>
                        {g.proofTests.count}, {g.proofTests.failures} failed
                        <span className="meta">
                          {" "}
                          · last {dateTime(g.proofTests.last)}
                          {g.proofTests.hoursSinceLast != null && (
                            <>, {sinceLast(g.proofTests.hoursSinceLast, statistics?.to)}</>
                          )}
                        </span>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {unread > 0 && (
        <p className="hint" data-groups-page>
          Showing the {pagesRead * GROUPS_PAGE} most demanded of {statistics!.total} groups.{" "}
          <button type="button" className="small" onClick={showMore}>
            Show {Math.min(GROUPS_PAGE, unread)} more
          </button>
        </p>
      )}
      {charted.length > 0 && (
        <>
          <h2>Trend by week</h2>
          <Field label="Trend of">
            <select value={trendGroup?.key ?? ""} onChange={(e) => setTrendOf(e.target.value)}>
              {charted.map((g) => (
                <option key={g.key} value={g.key}>
                  {label(g)}
                </option>
              ))}
            </select>
          </Field>
          <p className="meta">Trend test (one-sided Cochran–Armitage): {trendWords(trendGroup?.trend)}</p>
          <Chart
            option={trendOption}
            height={240}
            label={`Demands and failures per week${(trendGroup?.changes?.length ?? 0) > 0 ? ", rollouts marked ⇪" : ""}`}
          />
          <TrendChangesList changes={trendGroup?.changes ?? []} nameOf={systemName} />
        </>
      )}

      <h2>
        How far incidents got: barriers passed per incident
        {systemId && <> ({systems.find((s) => s.id === systemId)?.name ?? systemId})</>}
      </h2>
      {depth && depthKeys.length === 0 && <p className="empty">No incidents in this window.</p>}
      {depth && depthKeys.length > 0 && <Chart option={depthOption} height={260} label="Incidents by depth reached" />}

      <h2>
        Response times
        {systemId && <> ({systemName(systemId)})</>}
      </h2>
      {responseTimes && responseTimes.fleet.incidents === 0 && responseTimes.fleet.notAnIncident === 0 && (
        <p className="empty">No incidents in this window.</p>
      )}
      {responseTimes && (responseTimes.fleet.incidents > 0 || responseTimes.fleet.notAnIncident > 0) && (
        <ResponseTimesTable report={responseTimes} nameOf={systemName} />
      )}
      <p className="hint">
        Of the incidents that opened in the window, whenever they were answered: detect is from the first report (the
        source&apos;s clock) to the tracker opening the incident; acknowledge, contain (the first time a barrier held
        it: near miss, even if it got worse later) and resolve (by an analyst, or gone quiet) are from the opening, on
        the tracker&apos;s clock. Waits are open incidents that have not taken the step, measured until now. Incidents
        marked not an incident are left out.
      </p>

      <h2>Do the holes line up?</h2>
      {dependence && (
        <>
          <h3>Per path: full failures observed against what independent barriers predict</h3>
          <table className="list" aria-label="Full failures per path against independence">
            <thead>
              <tr>
                <th>System</th>
                <th>Path</th>
                <th>Incidents</th>
                <th>Full failures</th>
                <th>Observed share (95% interval)</th>
                <th>Independence predicts</th>
                <th></th>
              </tr>
            </thead>
            <tbody>
              {dependence.paths
                .filter((p) => p.independence.incidents > 0)
                .map((p) => (
                  <tr key={`${p.systemId}|${p.threatLine}|${p.consequenceLine}`}>
                    <td>{p.systemId}</td>
                    <td>{pathName(p.threatLine, p.consequenceLine)}</td>
                    <td>{p.independence.incidents}</td>
                    <td>{p.independence.fullFailures}</td>
                    <td>
                      {pct(p.independence.observedShare)} ({pct(p.independence.observedInterval.lower)} –{" "}
                      {pct(p.independence.observedInterval.upper)})
                    </td>
                    <td
                      title={`product of the PFDs of ${
                        p.demandedActingBarriers.map((b) => barrierName(p.systemId, b)).join(", ") ||
                        "no demanded barrier"
                      }`}
                    >
                      {prob(p.independence.predicted)}
                    </td>
                    <td>
                      {p.independence.exceedsPrediction ? (
                        <strong className="flag">⚠ more than independence predicts</strong>
                      ) : (
                        ""
                      )}
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
          {dependence.paths.every((p) => p.independence.incidents === 0) && (
            <p className="empty">No incidents on any path.</p>
          )}
          <h3>Per pair: does the second fail more often when the first failed?</h3>
          {pairs.length === 0 && <p className="empty">No pair of barriers was demanded together.</p>}
          {pairs.length > 0 && (
            <table className="list" aria-label="Pairs of barriers">
              <thead>
                <tr>
                  <th>System</th>
                  <th>When this failed</th>
                  <th>…this failed</th>
                  <th>Incidents</th>
                  <th>p</th>
                  <th>q</th>
                  <th>Lift (95% interval)</th>
                  <th>β</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {shownPairs.map((p) => {
                  const t = p.dependence.table;
                  return (
                    <tr
                      key={`${p.systemId}|${p.first}|${p.second}`}
                      className={p.holesLineUp ? "worsening" : undefined}
                    >
                      <td>{p.systemId}</td>
                      <td>{barrierName(p.systemId, p.first)}</td>
                      <td>{barrierName(p.systemId, p.second)}</td>
                      <td>{t.a + t.b + t.c + t.d}</td>
                      <td>{prob(p.dependence.pValue)}</td>
                      <td>{prob(p.qValue)}</td>
                      <td>
                        {p.dependence.lift == null ? (
                          "—"
                        ) : (
                          <>
                            ×{p.dependence.lift.toFixed(2)}
                            {p.dependence.liftInterval && (
                              <>
                                {" "}
                                ({p.dependence.liftInterval.lower.toFixed(2)} –{" "}
                                {p.dependence.liftInterval.upper.toFixed(2)})
                              </>
                            )}
                            {p.dependence.liftCorrected && (
                              <span className="meta" title="0.5 added to every cell">
                                {" "}
                                *
                              </span>
                            )}
                          </>
                        )}
                      </td>
                      <td>{p.dependence.betaFactor == null ? "—" : pct(p.dependence.betaFactor)}</td>
                      <td>{p.holesLineUp ? <strong className="flag">⚠ holes line up</strong> : ""}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {pairs.length > 15 && (
            <button type="button" className="small" onClick={() => setAllPairs(!allPairs)}>
              {allPairs ? "Show the 15 most significant pairs" : `Show all ${pairs.length} pairs`}
            </button>
          )}
          <p className="hint">
            One-sided Fisher exact test per pair, Benjamini–Hochberg across pairs: the holes line up when q &lt; 0.05.
            Lift: P(second fails | first failed) / P(second fails | first held); * with 0.5 added to every cell. β: the
            share of the second's failures that coincided with the first's.
          </p>
        </>
      )}
      {(me.roles.includes("ANALYST") || me.roles.includes("MANAGER") || me.roles.includes("ADMIN")) && <WhatIfForm />}
    </section>
  );
}
