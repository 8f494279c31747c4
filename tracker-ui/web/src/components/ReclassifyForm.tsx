import { useState } from "react";
import { words } from "../format";
import { REPORT_CLASSES, type ReportClass, type ReportType, type ReportView } from "../types";

/** Which classes fit which report (ReportClass.appliesTo on the server, which has the last word). */
const FITS: Record<ReportClass, ReportType[]> = {
  SPURIOUS_TRIP: ["TRIPPED", "ANOMALY_DETECTED", "SHUTDOWN_REQUESTED"],
  PROOF_TEST: ["TRIPPED", "BREACHED", "ANOMALY_DETECTED", "SHUTDOWN_REQUESTED", "SHUTDOWN_FAILED"],
  NOT_APPLICABLE: ["TRIPPED", "BREACHED", "ANOMALY_DETECTED", "SHUTDOWN_REQUESTED", "SHUTDOWN_FAILED", "HARM_REPORTED"],
  COMMON_CAUSE: ["BREACHED", "SHUTDOWN_FAILED"],
};

export function classesFor(type: ReportType): ReportClass[] {
  return REPORT_CLASSES.filter((c) => FITS[c].includes(type));
}

/**
 * An analyst's second look at a report of an open incident: what it really was, and why. A report is reclassified
 * once; the inferred off-switch failure is the tracker's, not a report, and is not offered.
 */
export function ReclassifyForm({
  reports,
  onReclassify,
}: {
  reports: ReportView[];
  onReclassify: (reportId: string, body: { as: ReportClass; reason: string }) => Promise<void>;
}) {
  const candidates = reports.filter((r) => !r.reclassifiedAs && !r.inferredFrom && classesFor(r.type).length > 0);
  const [picked, setReportId] = useState(candidates[0]?.reportId ?? "");
  // the report picked may have been reclassified since (it is offered no more): the first one offered stands instead
  const chosen = candidates.find((r) => r.reportId === picked) ?? candidates[0];
  const reportId = chosen?.reportId ?? "";
  const classes = chosen ? classesFor(chosen.type) : [];
  const [as, setAs] = useState<ReportClass | "">("");
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (candidates.length === 0) return null;
  const klass = as && classes.includes(as) ? as : classes[0];

  return (
    <form
      className="response response-none"
      aria-label="Reclassify a report"
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        setError(null);
        try {
          await onReclassify(reportId, { as: klass, reason });
          setReason("");
        } catch (err) {
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2>Reclassify a report</h2>
      <label>
        Report
        <select value={reportId} onChange={(e) => setReportId(e.target.value)}>
          {candidates.map((r) => (
            <option key={r.reportId} value={r.reportId}>
              {r.reportId}: {words(r.type)}
              {r.barrierId ? ` at ${r.barrierId}` : ""}
            </option>
          ))}
        </select>
      </label>
      <label>
        It was
        <select value={klass} onChange={(e) => setAs(e.target.value as ReportClass)}>
          {classes.map((c) => (
            <option key={c} value={c}>
              {words(c)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Why
        <textarea value={reason} maxLength={4000} required onChange={(e) => setReason(e.target.value)} />
      </label>
      <button type="submit" disabled={busy}>
        Reclassify
      </button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
