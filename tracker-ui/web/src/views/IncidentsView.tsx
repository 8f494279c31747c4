import { SystemChangesList } from "../components/SystemChangesList";
import { useEffect, useMemo, useRef, useState } from "react";
import { eventually, get, send } from "../api";
import { useRefresh } from "../refresh";
import { BowTieDiagram } from "../components/BowTieDiagram";
import { FollowUpActions } from "../components/FollowUpActions";
import { IncidentResponse } from "../components/IncidentResponse";
import { MergeSplitForms } from "../components/MergeSplitForms";
import { ReclassifyForm } from "../components/ReclassifyForm";
import { SeriousIncidentPanel } from "../components/SeriousIncidentPanel";
import { PathStrip } from "../components/Marks";
import { ReplayControl } from "../components/ReplayControl";
import { describePath, describeReport } from "../describe";
import { dateTime, pathName, words } from "../format";
import { MARK_LOOK } from "../marks";
import {
  FAILURE_MODES,
  HARM_SEVERITIES,
  HARM_TYPES,
  OUTCOMES,
  STAKEHOLDERS,
  type FailureMode,
  type IncidentPage,
  type Mark,
  type Me,
  type SystemList,
  type SystemView,
  type Timeline,
  type TimelineStep,
} from "../types";

export function IncidentsView({
  me,
  selected,
  onSelect,
}: {
  me: Me;
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  return selected ? (
    <IncidentReplay me={me} id={selected} onBack={() => onSelect(null)} />
  ) : (
    <IncidentList onSelect={onSelect} />
  );
}

function IncidentList({ onSelect }: { onSelect: (id: string) => void }) {
  const [systems, setSystems] = useState<SystemView[]>([]);
  const [filters, setFilters] = useState({ systemId: "", status: "", outcome: "", barrierId: "" });
  const [page, setPage] = useState(0);
  const [result, setResult] = useState<IncidentPage | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<SystemList>("/api/systems")
      .then((s) => setSystems(s.items))
      .catch(() => {});
  }, []);
  useEffect(() => {
    const query = new URLSearchParams({ page: String(page), size: "25" });
    Object.entries(filters).forEach(([k, v]) => v && query.set(k, v));
    setError(null);
    get<IncidentPage>(`/api/incidents?${query}`)
      .then(setResult)
      .catch((e) => setError(e.message));
  }, [filters, page]);

  const set = (key: keyof typeof filters) => (e: { target: { value: string } }) => {
    setPage(0);
    setFilters({ ...filters, [key]: e.target.value });
  };
  return (
    <section aria-labelledby="incidents-title">
      <h1 id="incidents-title">Incidents</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          System
          <select value={filters.systemId} onChange={set("systemId")}>
            <option value="">all</option>
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Status
          <select value={filters.status} onChange={set("status")}>
            <option value="">all</option>
            <option value="OPEN">open</option>
            <option value="RESOLVED">resolved</option>
            <option value="NOT_AN_INCIDENT">not an incident</option>
            <option value="MERGED">merged</option>
          </select>
        </label>
        <label>
          Outcome
          <select value={filters.outcome} onChange={set("outcome")}>
            <option value="">all</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {words(o)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Breached barrier
          <input value={filters.barrierId} onChange={set("barrierId")} placeholder="barrier id" />
        </label>
      </form>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!result && !error && <p className="loading">Loading incidents…</p>}
      {result && result.items.length === 0 && <p className="empty">No incidents match.</p>}
      {result && result.items.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th>Incident</th>
              <th>System</th>
              <th>Status</th>
              <th>Outcome</th>
              <th>Passed</th>
              <th>Margin</th>
              <th>Breached</th>
              <th>Passed silently</th>
              <th>Opened</th>
            </tr>
          </thead>
          <tbody>
            {result.items.map((i) => (
              <tr key={i.id}>
                <td>
                  <a
                    href={`#incidents/${i.id}`}
                    onClick={(e) => {
                      e.preventDefault();
                      onSelect(i.id);
                    }}
                  >
                    {i.id}
                  </a>
                  {i.activityAfterShutdown && (
                    <span className="flag" title="activity after shutdown">
                      {" "}
                      ⚠ after shutdown
                    </span>
                  )}
                </td>
                <td>{i.systemId}</td>
                <td>{words(i.status)}</td>
                <td>
                  <span className={`outcome outcome-${i.outcome.toLowerCase()}`}>{words(i.outcome)}</span>
                </td>
                <td>
                  {i.position} of {i.pathLength}
                </td>
                <td>{i.margin}</td>
                <td>{i.breachedCount}</td>
                <td>{i.silentlyPassed.length}</td>
                <td>{dateTime(i.openedAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {result && result.total > result.size && (
        <div className="pager">
          <button type="button" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          <span>
            Page {page + 1} of {Math.ceil(result.total / result.size)}
          </span>
          <button type="button" disabled={(page + 1) * result.size >= result.total} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </div>
      )}
    </section>
  );
}

/** Classes after which a report is no evidence of the hazard. */
const EVIDENCE_REMOVED: string[] = ["SPURIOUS_TRIP", "PROOF_TEST", "NOT_APPLICABLE"];

/** The step's path in words, and the report that moved it there. */
export function StepDescription({ step }: { step: TimelineStep }) {
  const { after, report } = step;
  const barrier = after.barriers.find((b) => b.barrierId === report.barrierId);
  return (
    <div className="report" aria-label="This step" aria-live="polite">
      <p className="step-report" data-step-report>
        <strong>{describeReport(report, barrier?.name, barrier?.mark)}</strong>{" "}
        <span className="meta">at {dateTime(report.occurredAt)}</span>
      </p>
      <p className="step-meaning" data-step-description>
        {describePath(after.barriers, after.margin, after.pathLength)}
      </p>
      {report.detail && <p className="meta">{report.detail}</p>}
      {report.reclassifiedAs && (
        <p className="banner banner-info" data-reclassified={report.reclassifiedAs}>
          Reclassified as {words(report.reclassifiedAs)}: {report.reclassifiedReason}
          {EVIDENCE_REMOVED.includes(report.reclassifiedAs) && " — the incident is judged without it"}
        </p>
      )}
    </div>
  );
}

/**
 * How often an open incident's page reads it again: other responders act on it and production reports join it behind
 * the page's back, and a read model busy with other systems can show an act later than the page waits after sending it.
 */
export const TIMELINE_REFRESH_MS = 3000;

function IncidentReplay({ me, id, onBack }: { me: Me; id: string; onBack: () => void }) {
  const [timeline, setTimeline] = useState<Timeline | null>(null);
  const [system, setSystem] = useState<SystemView | null>(null);
  const [step, setStep] = useState(0);
  const [error, setError] = useState<string | null>(null);
  // the timeline shown; and every read the page waits for counts one up, so a background read begun before it (older
  // than what it shows) is dropped
  const shown = useRef<Timeline | null>(null);
  const reads = useRef(0);

  /**
   * A newer timeline: one watching its latest step goes on watching the latest; one stepping back stays on the report
   * they chose, wherever a late report that occurred before it puts it.
   */
  const follow = (t: Timeline) => {
    const before = shown.current;
    shown.current = t;
    setTimeline(t);
    setStep((s) => {
      if (!before || s >= before.steps.length - 1) return t.steps.length - 1;
      const chosen = before.steps[s]?.report.reportId;
      const now = t.steps.findIndex((x) => x.report.reportId === chosen);
      return now >= 0 ? now : Math.min(s, t.steps.length - 1);
    });
  };
  const show = (t: Timeline) => {
    shown.current = t;
    setTimeline(t);
    setStep(t.steps.length - 1);
    return get<SystemView>(`/api/systems/${t.incident.systemId}`).then(setSystem);
  };
  const timelineNow = () => get<Timeline>(`/api/incidents/${id}/timeline`);
  const waitedFor = <T,>(read: Promise<T>) => {
    reads.current += 1;
    return read;
  };
  const load = () =>
    waitedFor(timelineNow())
      .then(show)
      .catch((e) => setError(e.message));
  const loadResolved = () =>
    waitedFor(eventually(timelineNow, (t) => t.incident.status === "RESOLVED"))
      .then(show)
      .catch((e) => setError(e.message));
  /**
   * An act of response; the read model follows shortly (an act that changed nothing adds no line). Waited for as long
   * as a resolution is (9 s); a read model working through a batch of other systems' events shows it later, and the
   * page's next background read picks it up.
   */
  const respond = async (what: string, body?: unknown) => {
    const before = timeline?.acts.length ?? 0;
    await send("POST", `/api/incidents/${id}/${what}`, body);
    follow(await waitedFor(eventually(timelineNow, (t) => t.acts.length > before)));
  };
  useEffect(() => {
    shown.current = null;
    load();
  }, [id]); // eslint-disable-line react-hooks/exhaustive-deps
  useRefresh(reads, timelineNow, follow, TIMELINE_REFRESH_MS, [id], () => shown.current !== null);

  const current = timeline?.steps[step];
  const marks = useMemo(() => {
    const result: Record<string, Mark> = {};
    current?.after.barriers.forEach((b) => {
      result[b.barrierId] = b.mark;
    });
    return result;
  }, [current]);
  const names = useMemo(() => {
    const result: Record<string, string> = {};
    system?.bowtie.lines.forEach((l) =>
      l.barriers.forEach((b) => {
        result[b.id] = b.name;
      }),
    );
    timeline?.steps.forEach((s) =>
      s.after.barriers.forEach((b) => {
        result[b.barrierId] = b.name;
      }),
    );
    return result;
  }, [system, timeline]);

  if (error)
    return (
      <p className="error" role="alert">
        {error}{" "}
        <button type="button" onClick={onBack}>
          Back
        </button>
      </p>
    );
  if (!timeline || !system) return <p className="loading">Loading the incident…</p>;
  const { incident } = timeline;
  const after = current?.after;
  const topEvent = after ? after.barriers.length > 0 && after.position >= after.threatLength : false;
  const name = (barrierId: string) => names[barrierId] ?? barrierId;
  const list = (ids: string[]) => (ids.length === 0 ? "none" : ids.map(name).join(", "));
  return (
    <section aria-labelledby="incident-title">
      <div className="view-head">
        <button type="button" className="link" onClick={onBack}>
          ← All incidents
        </button>
        <h1 id="incident-title">Incident {incident.id}</h1>
        <span className={`outcome outcome-${incident.outcome.toLowerCase()}`}>{words(incident.outcome)}</span>
        <span className="badge" data-status>
          {words(incident.status)}
        </span>
      </div>
      <p className="meta">
        {system.name} · worst path {pathName(incident.threatLine, incident.consequenceLine)}
        {incident.chainId && <> · chain {incident.chainId}</>} · opened {dateTime(incident.openedAt)}
      </p>
      {incident.activityAfterShutdown && (
        <p className="banner" role="alert" data-activity-after-shutdown>
          ⚠ Activity after shutdown: the system acted after it was shut down, so the off switch did not hold.
        </p>
      )}
      {incident.reassessedBecause && (
        <p className="banner banner-info" data-reassessed>
          ↻ Reassessed: {incident.reassessedBecause}
        </p>
      )}
      <dl className="summary" aria-label="What got through">
        <div data-summary="breached">
          <dt>
            <span aria-hidden="true">{MARK_LOOK.BREACHED.glyph} </span>Breached
          </dt>
          <dd>{list(incident.breachedBarriers)}</dd>
        </div>
        <div data-summary="silent">
          <dt>
            <span aria-hidden="true">{MARK_LOOK.PASSED_SILENTLY.glyph} </span>Passed silently{" "}
            <span className="meta">(no report: not breaches)</span>
          </dt>
          <dd>{list(incident.silentlyPassed)}</dd>
        </div>
        <div data-summary="detected">
          <dt>
            <span aria-hidden="true">{MARK_LOOK.DETECTED.glyph} </span>Seen by detectors{" "}
            <span className="meta">(cannot stop it)</span>
          </dt>
          <dd>{list(incident.detectedBy)}</dd>
        </div>
        <div data-summary="held">
          <dt>
            <span aria-hidden="true">{MARK_LOOK.HOLDING.glyph} </span>Held by
          </dt>
          <dd>{incident.stoppedBy ? name(incident.stoppedBy) : "nothing yet"}</dd>
        </div>
      </dl>

      <SystemChangesList changes={timeline.changes ?? []} openedAt={incident.openedAt} />

      <h2>Replay</h2>
      <BowTieDiagram
        bowTie={system.bowtie}
        marks={marks}
        path={after?.barriers.map((b) => b.barrierId)}
        topEventReached={topEvent}
      />
      <ReplayControl count={timeline.steps.length} index={step} onChange={setStep} />
      {after && (
        <dl className="figures">
          <div>
            <dt>Passed</dt>
            <dd data-position>
              {after.position} of {after.pathLength}
            </dd>
          </div>
          <div>
            <dt>Margin</dt>
            <dd data-margin>{after.margin} standing</dd>
          </div>
          <div>
            <dt>Outcome</dt>
            <dd data-outcome>{words(after.outcome)}</dd>
          </div>
          <div>
            <dt>Held by</dt>
            <dd data-stopped-by>{after.stoppedBy ? name(after.stoppedBy) : "—"}</dd>
          </div>
        </dl>
      )}
      {current && <StepDescription step={current} />}
      {after && after.barriers.length > 0 && (
        <PathStrip
          barriers={after.barriers.map((b) => ({ id: b.barrierId, name: b.name, mark: b.mark }))}
          threatLength={after.threatLength}
          label={`Path ${pathName(after.threatLine, after.consequenceLine)} after step ${step + 1}`}
        />
      )}

      {incident.paths.length > 1 && (
        <>
          <h2>Every path it touched</h2>
          <table className="list" aria-label="Every path the incident touched">
            <thead>
              <tr>
                <th>Path</th>
                <th>Outcome</th>
                <th>Passed</th>
                <th>Margin</th>
                <th>Held by</th>
              </tr>
            </thead>
            <tbody>
              {incident.paths.map((p) => (
                <tr key={`${p.threatLineId}>${p.consequenceLineId}`}>
                  <td>{pathName(p.threatLineId, p.consequenceLineId)}</td>
                  <td>
                    <span className={`outcome outcome-${p.outcome.toLowerCase()}`}>{words(p.outcome)}</span>
                  </td>
                  <td>
                    {p.position} of {p.length}
                  </td>
                  <td>{p.margin}</td>
                  <td>{p.stoppedBy ? name(p.stoppedBy) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}

      {incident.status === "RESOLVED" && incident.postmortem && (
        <div className="postmortem">
          <h2>Postmortem</h2>
          <p>{incident.postmortem.summary}</p>
          {incident.postmortem.contributingFactors.length > 0 && (
            <p>Contributing factors: {incident.postmortem.contributingFactors.join("; ")}</p>
          )}
          {incident.postmortem.actionItems.length > 0 && <p>Actions: {incident.postmortem.actionItems.join("; ")}</p>}
          {incident.postmortem.failureModes && Object.keys(incident.postmortem.failureModes).length > 0 && (
            <p data-failure-modes>
              How the barriers failed:{" "}
              {Object.entries(incident.postmortem.failureModes)
                .map(([barrier, mode]) => `${name(barrier)} ${words(mode)}`)
                .join("; ")}
            </p>
          )}
          {incident.postmortem.harm && (
            <p data-harm>
              Harm: {incident.postmortem.harm.severity ? words(incident.postmortem.harm.severity) : "not rated"}
              {incident.postmortem.harm.types.length > 0 && (
                <>, {incident.postmortem.harm.types.map(words).join(", ")}</>
              )}
              {incident.postmortem.harm.stakeholders.length > 0 && (
                <>; affected: {incident.postmortem.harm.stakeholders.map(words).join(", ")}</>
              )}
            </p>
          )}
        </div>
      )}
      {incident.status === "RESOLVED" && !incident.postmortem && <p className="hint">Resolved: it went quiet.</p>}
      <IncidentResponse
        key={incident.id}
        incident={incident}
        acts={timeline.acts ?? []}
        onAct={respond}
        canAct={["OPERATOR", "ANALYST", "ADMIN"].some((r) => me.roles.includes(r))}
      />
      {incident.status === "OPEN" && (me.roles.includes("ANALYST") || me.roles.includes("ADMIN")) && (
        <ReclassifyForm
          reports={timeline.steps.map((s) => s.report)}
          onReclassify={(reportId, body) => respond(`reports/${encodeURIComponent(reportId)}/reclassify`, body)}
        />
      )}
      {incident.status === "OPEN" && ["OPERATOR", "ANALYST", "ADMIN"].some((r) => me.roles.includes(r)) && (
        <MergeSplitForms
          key={`merge-split-${incident.id}`}
          incident={incident}
          reports={timeline.steps.map((s) => s.report)}
          onAct={respond}
        />
      )}
      <SeriousIncidentPanel
        incident={incident}
        canAct={me.roles.includes("ANALYST") || me.roles.includes("ADMIN")}
        onAct={respond}
      />
      <FollowUpActions
        key={`actions-${incident.id}`}
        incidentId={incident.id}
        canAct={["OPERATOR", "ANALYST", "ADMIN"].some((r) => me.roles.includes(r))}
        onChanged={
          () =>
            waitedFor(timelineNow())
              .then(follow)
              .catch(() => {}) // the next background read tries again
        }
      />
      {incident.status === "OPEN" && (me.roles.includes("ANALYST") || me.roles.includes("ADMIN")) && (
        <ResolveForm
          id={incident.id}
          breached={incident.breachedBarriers.map((b) => ({ id: b, name: name(b) }))}
          onResolved={loadResolved}
        />
      )}
    </section>
  );
}

export function ResolveForm({
  id,
  breached,
  onResolved,
}: {
  id: string;
  breached: { id: string; name: string }[];
  onResolved: () => void;
}) {
  const [summary, setSummary] = useState("");
  const [factors, setFactors] = useState("");
  const [actions, setActions] = useState("");
  const [modes, setModes] = useState<Record<string, FailureMode>>({});
  const [harmTypes, setHarmTypes] = useState<string[]>([]);
  const [severity, setSeverity] = useState("");
  const [stakeholders, setStakeholders] = useState<string[]>([]);
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((v) => v !== value) : [...list, value];
  const [error, setError] = useState<string | null>(null);
  const lines = (s: string) =>
    s
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean);
  return (
    <form
      className="resolve"
      onSubmit={async (e) => {
        e.preventDefault();
        try {
          await send("POST", `/api/incidents/${id}/resolve`, {
            summary,
            contributingFactors: lines(factors),
            actionItems: lines(actions),
            failureModes: modes,
            harm:
              harmTypes.length > 0 || severity || stakeholders.length > 0
                ? { types: harmTypes, severity: severity || undefined, stakeholders }
                : undefined,
          });
          onResolved();
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <h2>Resolve with a postmortem</h2>
      <label>
        Summary
        <textarea required value={summary} onChange={(e) => setSummary(e.target.value)} />
      </label>
      <label>
        Contributing factors (one per line)
        <textarea value={factors} onChange={(e) => setFactors(e.target.value)} />
      </label>
      <label>
        Action items (one per line)
        <textarea value={actions} onChange={(e) => setActions(e.target.value)} />
      </label>
      {breached.length > 0 && (
        <fieldset aria-label="How each breached barrier failed">
          <legend>How each breached barrier failed (BSCAT)</legend>
          {breached.map((b) => (
            <label key={b.id}>
              {b.name}
              <select
                value={modes[b.id] ?? ""}
                onChange={(e) => {
                  const next = { ...modes };
                  if (e.target.value) next[b.id] = e.target.value as FailureMode;
                  else delete next[b.id];
                  setModes(next);
                }}
              >
                <option value="">not assessed</option>
                {FAILURE_MODES.map((m) => (
                  <option key={m} value={m}>
                    {words(m)}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      )}
      <fieldset aria-label="Harm (OECD)">
        <legend>Harm (OECD AI incident framework)</legend>
        <label>
          Severity
          <select value={severity} onChange={(e) => setSeverity(e.target.value)}>
            <option value="">not rated</option>
            {HARM_SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {words(s)}
              </option>
            ))}
          </select>
        </label>
        <div role="group" aria-label="Kinds of harm">
          {HARM_TYPES.map((t) => (
            <label key={t} className="check">
              <input
                type="checkbox"
                checked={harmTypes.includes(t)}
                onChange={() => setHarmTypes(toggle(harmTypes, t))}
              />
              {words(t)}
            </label>
          ))}
        </div>
        <div role="group" aria-label="Who was affected">
          {STAKEHOLDERS.map((t) => (
            <label key={t} className="check">
              <input
                type="checkbox"
                checked={stakeholders.includes(t)}
                onChange={() => setStakeholders(toggle(stakeholders, t))}
              />
              {words(t)}
            </label>
          ))}
        </div>
      </fieldset>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <button type="submit">Resolve</button>
    </form>
  );
}
