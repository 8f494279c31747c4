import { useState } from "react";
import { dateTime, words } from "../format";
import { SEVERITIES, type Incident, type ResponseAct, type Severity } from "../types";

/** The longest note or reason the server takes. */
export const MAX_TEXT = 4000;

/** What one act says, in words. */
export function describeAct(act: ResponseAct): string {
  switch (act.kind) {
    case "ACKNOWLEDGED":
      return "acknowledged";
    case "ASSIGNED":
      return act.previous ? `reassigned from ${act.previous} to ${act.value}` : `assigned to ${act.value}`;
    case "SERIOUS_INCIDENT_DECLARED":
      return `declared a serious incident (EU AI Act Art. 73): ${act.value}`;
    case "SERIOUS_INCIDENT_REPORTED":
      return `serious incident reported to the authority, reference ${act.value}`;
    case "SERIOUS_INCIDENT_OVERDUE":
      return `serious incident report overdue: ${act.value}`;
    case "REPORT_RECLASSIFIED":
      return `reclassified report ${act.value}`;
    case "UNASSIGNED":
      return `unassigned (was ${act.previous})`;
    case "SEVERITY_CHANGED":
      return act.previous ? `severity ${act.previous} → ${act.value}` : `severity ${act.value}`;
    case "NOTE_ADDED":
      return `note: ${act.value}`;
    case "MARKED_NOT_AN_INCIDENT":
      return `marked not an incident: ${act.value}`;
    case "MERGED_INTO":
      return `merged into ${act.value}`;
    case "MERGED_WITH":
      return `took in incident ${act.value}`;
    case "SPLIT_OFF":
      return `split reports ${act.value}`;
    case "SPLIT_FROM":
      return `split off incident ${act.value}`;
    case "ACTION_ADDED":
      return `follow-up action ${act.value}`;
    case "ACTION_UPDATED":
      return `follow-up action changed, ${act.value}`;
    case "ACTION_OVERDUE":
      return `follow-up action overdue, ${act.value}`;
  }
}

/**
 * Where an incident's response stands (acknowledged, assignee, severity, or closed as no incident), what people did
 * about it in order, and, for those who may act, the buttons: acknowledge, assign, set the severity and mark it as
 * no incident while it is open; notes also once it is closed. {@code onAct} posts to
 * /api/incidents/{id}/{what}; a refusal's words are shown.
 */
export function IncidentResponse({
  incident,
  acts,
  canAct,
  onAct,
}: {
  incident: Incident;
  acts: ResponseAct[];
  canAct: boolean;
  onAct: (what: string, body?: unknown) => Promise<void>;
}) {
  const [assignee, setAssignee] = useState("");
  const [severity, setSeverity] = useState<Severity>(incident.severity ?? "SEV3");
  const [note, setNote] = useState("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = incident.status === "OPEN";

  const act = (what: string, body?: unknown, then?: () => void) => async () => {
    setBusy(true);
    setError(null);
    try {
      await onAct(what, body);
      then?.();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const submit = (run: () => Promise<void>) => (e: { preventDefault: () => void }) => {
    e.preventDefault();
    void run();
  };

  return (
    <section className="response" aria-labelledby="response-title">
      <h2 id="response-title">Response</h2>
      {incident.notAnIncident && (
        <p className="banner banner-info" data-not-an-incident>
          Not an incident: {incident.notAnIncidentReason}
          {incident.resolvedBy && (
            <>
              {" "}
              ({incident.resolvedBy}, {dateTime(incident.resolvedAt)})
            </>
          )}
        </p>
      )}
      {incident.status === "MERGED" && incident.mergedInto && (
        <p className="banner banner-info" data-merged-into>
          Merged into <a href={`#incidents/${incident.mergedInto}`}>{incident.mergedInto}</a>
          {incident.resolvedBy && (
            <>
              {" "}
              ({incident.resolvedBy}, {dateTime(incident.resolvedAt)})
            </>
          )}
          : its reports count there now.
        </p>
      )}
      {incident.splitFrom && (
        <p className="banner banner-info" data-split-from>
          Split off <a href={`#incidents/${incident.splitFrom}`}>{incident.splitFrom}</a>.
        </p>
      )}
      <dl className="figures" aria-label="Where the response stands">
        <div>
          <dt>Acknowledged</dt>
          <dd data-acknowledged>
            {incident.acknowledgedBy
              ? `by ${incident.acknowledgedBy}, ${dateTime(incident.acknowledgedAt)}`
              : "not yet"}
          </dd>
        </div>
        <div>
          <dt>Assigned to</dt>
          <dd data-assignee>{incident.assignee ?? "nobody"}</dd>
        </div>
        <div>
          <dt>Severity</dt>
          <dd data-severity>{incident.severity ?? "not set"}</dd>
        </div>
      </dl>

      {canAct && open && (
        <div className="response-actions">
          {!incident.acknowledgedBy && (
            <button type="button" disabled={busy} onClick={act("acknowledge")}>
              Acknowledge
            </button>
          )}
          <form onSubmit={submit(act("assign", { assignee }, () => setAssignee("")))}>
            <label>
              Assign to
              <input
                value={assignee}
                maxLength={200}
                required
                placeholder="person or team"
                onChange={(e) => setAssignee(e.target.value)}
              />
            </label>
            <button type="submit" disabled={busy}>
              Assign
            </button>
            {incident.assignee && (
              <button type="button" disabled={busy} onClick={act("unassign")}>
                Unassign
              </button>
            )}
          </form>
          <form onSubmit={submit(act("severity", { severity }))}>
            <label>
              Severity
              <select value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
                {SEVERITIES.map((s) => (
                  <option key={s} value={s}>
                    {s}
                    {s === "SEV1" ? " (most severe)" : ""}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={busy}>
              Set severity
            </button>
          </form>
        </div>
      )}
      {canAct && (
        <form className="response-note" onSubmit={submit(act("notes", { text: note }, () => setNote("")))}>
          <label>
            Note{!open && " (for the postmortem)"}
            <textarea value={note} maxLength={MAX_TEXT} required onChange={(e) => setNote(e.target.value)} />
          </label>
          <span className="meta">
            {note.length} / {MAX_TEXT}
          </span>
          <button type="submit" disabled={busy}>
            Add note
          </button>
        </form>
      )}
      {canAct && open && (
        <form className="response-none" onSubmit={submit(act("not-an-incident", { reason }, () => setReason("")))}>
          <label>
            Why it is not an incident
            <textarea value={reason} maxLength={MAX_TEXT} required onChange={(e) => setReason(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            Mark not an incident
          </button>
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}

      {acts.length > 0 && (
        <ol className="acts" aria-label="What people did">
          {acts.map((a, i) => (
            <li key={i} data-act={a.kind}>
              <span className="meta">
                {dateTime(a.at)} · {a.by}
              </span>{" "}
              {describeAct(a)}
            </li>
          ))}
        </ol>
      )}
      {acts.length === 0 && (
        <p className="hint">Nobody has acted on it yet{open ? "" : `; it is ${words(incident.status)}`}.</p>
      )}
    </section>
  );
}
