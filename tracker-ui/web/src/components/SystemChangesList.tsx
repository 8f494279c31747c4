import { dateTime, duration, words } from "../format";
import type { SystemChange } from "../types";

/** When a rollout went out, said against the incident: "3 h before it opened" or "40 min after it opened". */
export function whenAgainst(change: SystemChange, openedAt: string): string {
  const hours = (Date.parse(change.occurredAt) - Date.parse(openedAt)) / 3_600_000;
  if (hours === 0) return "as it opened";
  return `${duration(Math.abs(hours))} ${hours < 0 ? "before" : "after"} it opened`;
}

/**
 * The system's rollouts around an incident (`ai.system.changed`: model, guardrail, configuration), the day before it
 * opened and while it was open, so an analyst sees what changed before things broke. A list in time order; the kind
 * is said in words, never by colour alone.
 */
export function SystemChangesList({ changes, openedAt }: { changes: SystemChange[]; openedAt: string }) {
  return (
    <section aria-labelledby="system-changes-title" className="system-changes-box">
      <h2 id="system-changes-title">What changed around it</h2>
      {changes.length === 0 ? (
        <p className="hint" data-no-changes>
          No model, guardrail or configuration rollout of this system in the day before it opened or while it was open.
        </p>
      ) : (
        <ol className="system-changes" aria-label="Rollouts of the system around this incident">
          {changes.map((c) => (
            <li key={`${c.source ?? ""} ${c.reportId}`} data-change={c.reportId} data-change-kind={c.kind}>
              <span aria-hidden="true">⇪ </span>
              <strong>{words(c.kind)} rollout</strong>
              {c.version && <> to {c.version}</>}, {dateTime(c.occurredAt)} ({whenAgainst(c, openedAt)})
              {c.description && <>: {c.description}</>}
              {c.source && <span className="meta"> from {c.source}</span>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
