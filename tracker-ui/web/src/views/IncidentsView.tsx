import { useEffect, useMemo, useState } from "react";
import { eventually, get, send } from "../api";
import type { Me } from "../App";
import { BowTieDiagram } from "../components/BowTieDiagram";
import { ReplayControl } from "../components/ReplayControl";
import type { BarrierStateName, IncidentPage, SystemView, Timeline } from "../types";

const OUTCOMES = ["UNDETERMINED", "NEAR_MISS", "TOP_EVENT", "FULL_FAILURE"];
const words = (s: string) => s.replaceAll("_", " ").toLowerCase();

export function IncidentsView({ me, selected, onSelect }: {
  me: Me; selected: string | null; onSelect: (id: string | null) => void;
}) {
  return selected ? <IncidentReplay me={me} id={selected} onBack={() => onSelect(null)} />
    : <IncidentList onSelect={onSelect} />;
}

function IncidentList({ onSelect }: { onSelect: (id: string) => void }) {
  const [systems, setSystems] = useState<SystemView[]>([]);
  const [filters, setFilters] = useState({ systemId: "", status: "", outcome: "", barrierId: "" });
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<IncidentPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<{ items: SystemView[] }>("/api/systems").then((s) => setSystems(s.items)).catch(() => {});
  }, []);
  useEffect(() => {
    const query = new URLSearchParams({ page: String(page), size: "25" });
    Object.entries(filters).forEach(([k, v]) => v && query.set(k, v));
    setError(null);
    get<IncidentPage>(`/api/incidents?${query}`).then(setResult).catch((e) => setError(e.message));
  }, [filters, page]);

  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => {
    setPage(0);
    setFilters({ ...filters, [key]: e.target.value });
  };
  return (
    <section aria-labelledby="incidents-title">
      <h1 id="incidents-title">Incidents</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>System<select value={filters.systemId} onChange={set("systemId")}>
          <option value="">all</option>
          {systems.map((s) => <option key={s.id} value={s.id}>{s.name}</option>)}
        </select></label>
        <label>Status<select value={filters.status} onChange={set("status")}>
          <option value="">all</option><option value="OPEN">open</option><option value="RESOLVED">resolved</option>
        </select></label>
        <label>Outcome<select value={filters.outcome} onChange={set("outcome")}>
          <option value="">all</option>
          {OUTCOMES.map((o) => <option key={o} value={o}>{words(o)}</option>)}
        </select></label>
        <label>Breached barrier<input value={filters.barrierId} onChange={set("barrierId")} placeholder="barrier id" /></label>
      </form>
      {error && <p className="error" role="alert">{error}</p>}
      {!result && !error && <p className="loading">Loading incidents…</p>}
      {result && result.items.length === 0 && <p className="empty">No incidents match.</p>}
      {result && result.items.length > 0 && (
        <table className="list">
          <thead><tr><th>Incident</th><th>System</th><th>Status</th><th>Outcome</th><th>Depth</th><th>Margin</th><th>Opened</th></tr></thead>
          <tbody>
            {result.items.map((i) => (
              <tr key={i.id}>
                <td><a href={`#incidents/${i.id}`} onClick={(e) => { e.preventDefault(); onSelect(i.id); }}>{i.id}</a></td>
                <td>{i.systemId}</td>
                <td>{words(i.status)}</td>
                <td><span className={`outcome outcome-${i.outcome.toLowerCase()}`}>{words(i.outcome)}</span></td>
                <td>{i.breachedCount} / {i.pathLength}</td>
                <td>{i.margin}</td>
                <td>{new Date(i.openedAt).toLocaleString()}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && result.total > result.size && (
        <div className="pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>Newer</button>
          <span>Page {page + 1} of {Math.ceil(result.total / result.size)}</span>
          <button type="button" disabled={(page + 1) * result.size >= result.total} onClick={() => setPage(page + 1)}>Older</button>
        </div>
      )}
    </section>
  );
}

function IncidentReplay({ me, id, onBack }: { me: Me; id: string; onBack: () => void }) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [system, setSystem] = useState<SystemView | null>(null);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const show = (t: Timeline) => {
    setTimeline(t);
    setStep(t.steps.length - 1);
    return get<SystemView>(`/api/systems/${t.incident.systemId}`).then(setSystem);
  };
  const timelineNow = () => get<Timeline>(`/api/incidents/${id}/timeline`);
  const load = () => timelineNow().then(show).catch((e) => setError(e.message));
  const loadResolved = () => eventually(timelineNow, (t) => t.incident.status === "RESOLVED").then(show)
    .catch((e) => setError(e.message));
  useEffect(() => { load(); }, [id]); // eslint-disable-line react-hooks/exhaustive-deps

  const states = useMemo(() => {
    const result: Record<string, BarrierStateName> = {};
    timeline?.steps[step]?.after.barriers.forEach((b) => { result[b.barrierId] = b.state; });
    return result;
  }, [timeline, step]);

  if (error) return <p className="error" role="alert">{error} <button type="button" onClick={onBack}>Back</button></p>;
  if (!timeline || !system) return <p className="loading">Loading the incident…</p>;
  const { incident } = timeline;
  const current = timeline.steps[step];
  const after = current?.after;
  const topEvent = after ? after.outcome === "TOP_EVENT" || after.outcome === "FULL_FAILURE" : false;
  return (
    <section aria-labelledby="incident-title">
      <div className="view-head">
        <button type="button" className="link" onClick={onBack}>← All incidents</button>
        <h1 id="incident-title">Incident {incident.id}</h1>
        <span className={`outcome outcome-${incident.outcome.toLowerCase()}`}>{words(incident.outcome)}</span>
        <span className="badge">{words(incident.status)}</span>
      </div>
      <p className="meta">{system.name} · path {incident.threatLine ?? "—"} → {incident.consequenceLine ?? "—"}
        {incident.chainId && <> · chain {incident.chainId}</>}</p>
      <BowTieDiagram bowTie={system.bowtie} states={states} path={incident.path} topEventReached={topEvent} />
      <ReplayControl count={timeline.steps.length} index={step} onChange={setStep} />
      {after && (
        <dl className="figures" aria-live="polite">
          <div><dt>Depth</dt><dd data-depth>{after.breachedCount} of {after.pathLength} breached</dd></div>
          <div><dt>Margin</dt><dd data-margin>{after.margin} standing</dd></div>
          <div><dt>Outcome</dt><dd data-outcome>{words(after.outcome)}</dd></div>
          <div><dt>Stopped by</dt><dd>{after.stoppedBy ?? "—"}</dd></div>
        </dl>
      )}
      {current && (
        <div className="report" aria-label="The report at this step">
          <strong>{current.report.type.replaceAll("_", " ").toLowerCase()}</strong>
          {current.report.barrierId && <> on <code>{current.report.barrierId}</code></>}
          {" "}at {new Date(current.report.occurredAt).toLocaleString()}
          {current.report.inferredFrom && <span className="banner-inline"> (inferred: activity after shutdown)</span>}
          {current.report.detail && <p>{current.report.detail}</p>}
        </div>
      )}
      {incident.status === "RESOLVED" && incident.postmortem && (
        <div className="postmortem"><h2>Postmortem</h2><p>{incident.postmortem.summary}</p>
          {incident.postmortem.contributingFactors.length > 0 &&
            <p>Contributing factors: {incident.postmortem.contributingFactors.join("; ")}</p>}
          {incident.postmortem.actionItems.length > 0 && <p>Actions: {incident.postmortem.actionItems.join("; ")}</p>}
        </div>
      )}
      {incident.status === "RESOLVED" && !incident.postmortem && <p className="hint">Resolved: it went quiet.</p>}
      {incident.status === "OPEN" && (me.roles.includes("ANALYST") || me.roles.includes("ADMIN")) &&
        <ResolveForm id={incident.id} onResolved={loadResolved} />}
    </section>
  );
}

function ResolveForm({ id, onResolved }: { id: string; onResolved: () => void }) {
  const [summary, setSummary] = useState("");
  const [factors, setFactors] = useState("");
  const [actions, setActions] = useState("");
  const [error, setError] = useState<string | null>(null);
  const lines = (s: string) => s.split("\n").map((l) => l.trim()).filter(Boolean);
  return (
    <form className="resolve" onSubmit={async (e) => {
      e.preventDefault();
      try {
        await send("POST", `/api/incidents/${id}/resolve`,
          { summary, contributingFactors: lines(factors), actionItems: lines(actions) });
        onResolved();
      } catch (err) {
        setError((err as Error).message);
      }
    }}>
      <h2>Resolve with a postmortem</h2>
      <label>Summary<textarea required value={summary} onChange={(e) => setSummary(e.target.value)} /></label>
      <label>Contributing factors (one per line)<textarea value={factors} onChange={(e) => setFactors(e.target.value)} /></label>
      <label>Action items (one per line)<textarea value={actions} onChange={(e) => setActions(e.target.value)} /></label>
      {error && <p className="error" role="alert">{error}</p>}
      <button type="submit">Resolve</button>
    </form>
  );
}
