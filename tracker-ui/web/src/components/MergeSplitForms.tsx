import { useState } from "react";
import { words } from "../format";
import { MAX_TEXT } from "./IncidentResponse";
import { NO_EVIDENCE, type Incident, type ReportView } from "../types";

/** The reports that may leave an incident: real reports (not the tracker's inference) that are still evidence. */
export function movableReports(reports: ReportView[]): ReportView[] {
  return reports.filter((r) => !r.inferredFrom && !(r.reclassifiedAs && NO_EVIDENCE.includes(r.reclassifiedAs)));
}

/**
 * Two incidents that were one, or one that was two. Merge: another open incident of the same system joins this one
 * (it is closed as merged, keeping its id). Split: the reports ticked leave this incident for a new one. Both take a
 * reason; the server has the last word and its refusal is shown. {@code onAct} posts to /api/incidents/{id}/{what}.
 */
export function MergeSplitForms({
  incident,
  reports,
  onAct,
}: {
  incident: Incident;
  reports: ReportView[];
  onAct: (what: string, body?: unknown) => Promise<void>;
}) {
  const [other, setOther] = useState("");
  const [mergeWhy, setMergeWhy] = useState("");
  const [leaving, setLeaving] = useState<string[]>([]);
  const [splitWhy, setSplitWhy] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const movable = movableReports(reports);

  const run = (what: string, body: unknown, then: () => void) => async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onAct(what, body);
      then();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (reportId: string) =>
    setLeaving(leaving.includes(reportId) ? leaving.filter((r) => r !== reportId) : [...leaving, reportId]);

  return (
    <section className="response merge-split" aria-labelledby="merge-split-title">
      <h2 id="merge-split-title">Merge or split</h2>
      <form
        aria-label="Merge another incident into this one"
        onSubmit={run("merge", { incidentId: other.trim(), reason: mergeWhy }, () => {
          setOther("");
          setMergeWhy("");
        })}
      >
        <label>
          Incident that joins this one
          <input
            value={other}
            required
            placeholder={`${incident.systemId}.N`}
            onChange={(e) => setOther(e.target.value)}
          />
        </label>
        <label>
          Why they are one
          <textarea value={mergeWhy} maxLength={MAX_TEXT} required onChange={(e) => setMergeWhy(e.target.value)} />
        </label>
        <button type="submit" disabled={busy}>
          Merge into this one
        </button>
      </form>
      {movable.length > 1 && (
        <form
          aria-label="Split reports off into a new incident"
          onSubmit={run("split", { reportIds: leaving, reason: splitWhy }, () => {
            setLeaving([]);
            setSplitWhy("");
          })}
        >
          <fieldset>
            <legend>Reports that leave for a new incident</legend>
            {movable.map((r) => (
              <label key={`${r.source}/${r.reportId}`}>
                <input type="checkbox" checked={leaving.includes(r.reportId)} onChange={() => toggle(r.reportId)} />
                {r.reportId}: {words(r.type)}
                {r.barrierId ? ` at ${r.barrierId}` : ""}
              </label>
            ))}
          </fieldset>
          <label>
            Why they are another incident
            <textarea value={splitWhy} maxLength={MAX_TEXT} required onChange={(e) => setSplitWhy(e.target.value)} />
          </label>
          <button type="submit" disabled={busy || leaving.length === 0 || leaving.length === movable.length}>
            Split off
          </button>
          {leaving.length === movable.length && <p className="hint">At least one report stays.</p>}
        </form>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
