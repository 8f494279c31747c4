import { useState } from "react";
import { dateTime, words } from "../format";
import { SERIOUS_INCIDENT_KINDS, type Incident } from "../types";

/**
 * The EU AI Act's Article 73 clock of an incident of a high-risk system: declared a serious incident, its report due,
 * reported or overdue; for analysts and admins, the forms to declare it and to record the report. The server refuses
 * (in words) for a system not designated high-risk.
 */
export function SeriousIncidentPanel({
  incident,
  canAct,
  onAct,
}: {
  incident: Incident;
  canAct: boolean;
  onAct: (what: string, body: unknown) => Promise<void>;
}) {
  const clock = incident.seriousIncident;
  const [kind, setKind] = useState<string>("GENERAL");
  const [reference, setReference] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!clock && !canAct) return null;

  const run = (what: string, body: unknown) => async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await onAct(what, body);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="response" aria-labelledby="serious-title">
      <h2 id="serious-title">Serious incident (EU AI Act Art. 73)</h2>
      {clock && (
        <p data-serious={clock.overdue ? "overdue" : clock.reportedAt ? "reported" : "due"}>
          {words(clock.kind)}, aware since {dateTime(clock.awareAt)};{" "}
          {clock.reportedAt ? (
            <>
              reported {dateTime(clock.reportedAt)}, reference {clock.reference}
            </>
          ) : clock.overdue ? (
            <strong className="overdue-mark">report overdue since {dateTime(clock.due)}</strong>
          ) : (
            <>report due {dateTime(clock.due)}</>
          )}
        </p>
      )}
      {canAct && !clock && (
        <form
          className="response-actions"
          aria-label="Declare a serious incident"
          onSubmit={run("serious-incident", { kind })}
        >
          <label>
            Kind
            <select value={kind} onChange={(e) => setKind(e.target.value)}>
              {SERIOUS_INCIDENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {words(k)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            Declare serious incident
          </button>
        </form>
      )}
      {canAct && clock && !clock.reportedAt && (
        <form
          className="response-actions"
          aria-label="Record the report to the authority"
          onSubmit={run("serious-incident/report", { reference })}
        >
          <label>
            Authority&apos;s reference
            <input value={reference} required maxLength={200} onChange={(e) => setReference(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            Record report
          </button>
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
