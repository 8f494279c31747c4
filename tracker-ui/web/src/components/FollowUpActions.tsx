import { useEffect, useState } from "react";
import { eventually, get, send } from "../api";
import { dateTime, words } from "../format";
import type { FollowUpAction } from "../types";

/** The action's number within its incident ("a2" of "agent-1.4/a2"), as its URL names it. */
export function shortActionId(actionId: string): string {
  return actionId.slice(actionId.lastIndexOf("/") + 1);
}

/**
 * An incident's follow-up actions (owner, due date, status, overdue), and for those who may act: add one (also once
 * the incident is closed: most come out of the postmortem), mark it done, drop it, reopen it. {@code onChanged} lets
 * the incident's timeline catch up with the act.
 */
export function FollowUpActions({
  incidentId,
  canAct,
  onChanged,
}: {
  incidentId: string;
  canAct: boolean;
  onChanged?: () => Promise<void> | void;
}) {
  const [actions, setActions] = useState<FollowUpAction[] | null>(null);
  const [title, setTitle] = useState("");
  const [owner, setOwner] = useState("");
  const [due, setDue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const path = `/api/incidents/${incidentId}/actions`;

  useEffect(() => {
    get<FollowUpAction[]>(path)
      .then(setActions)
      .catch((e) => setError((e as Error).message));
  }, [path]);

  /** Runs a change, then reads the list again until it shows it (the read model follows a moment later). */
  const change = async (run: () => Promise<unknown>, shows: (list: FollowUpAction[]) => boolean) => {
    setBusy(true);
    setError(null);
    try {
      await run();
      setActions(await eventually(() => get<FollowUpAction[]>(path), shows, 20));
      await onChanged?.();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    } finally {
      setBusy(false);
    }
  };

  const add = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    const count = actions?.length ?? 0;
    const added = await change(
      () => send("POST", path, { title, owner, due }),
      (list) => list.length > count,
    );
    if (added) {
      setTitle("");
      setOwner("");
      setDue("");
    }
  };

  const setStatus = (a: FollowUpAction, status: FollowUpAction["status"]) => () =>
    change(
      () => send("PATCH", `${path}/${shortActionId(a.actionId)}`, { status }),
      (list) => list.some((x) => x.actionId === a.actionId && x.status === status),
    );

  return (
    <section className="response follow-ups" aria-labelledby="follow-ups-title">
      <h2 id="follow-ups-title">Follow-up actions</h2>
      {actions && actions.length === 0 && <p className="hint">No follow-up actions yet.</p>}
      {actions && actions.length > 0 && (
        <table className="list" aria-label="Follow-up actions">
          <thead>
            <tr>
              <th>Action</th>
              <th>Owner</th>
              <th>Due</th>
              <th>Status</th>
              {canAct && <th></th>}
            </tr>
          </thead>
          <tbody>
            {actions.map((a) => (
              <tr key={a.actionId} data-action={a.actionId} className={a.overdue ? "overdue" : undefined}>
                <td>{a.title}</td>
                <td>{a.owner}</td>
                <td>{dateTime(a.due)}</td>
                <td data-status={a.status}>
                  {a.overdue ? (
                    <strong className="overdue-mark">
                      <span aria-hidden="true">⏰ </span>overdue
                    </strong>
                  ) : (
                    words(a.status)
                  )}
                </td>
                {canAct && (
                  <td>
                    {a.status === "OPEN" ? (
                      <>
                        <button type="button" className="small" disabled={busy} onClick={setStatus(a, "DONE")}>
                          Done
                        </button>{" "}
                        <button type="button" className="small" disabled={busy} onClick={setStatus(a, "DROPPED")}>
                          Drop
                        </button>
                      </>
                    ) : (
                      <button type="button" className="small" disabled={busy} onClick={setStatus(a, "OPEN")}>
                        Reopen
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canAct && (
        <form className="response-actions" onSubmit={add} aria-label="Add a follow-up action">
          <label>
            What is to be done
            <input value={title} maxLength={4000} required onChange={(e) => setTitle(e.target.value)} />
          </label>
          <label>
            Owner
            <input
              value={owner}
              maxLength={200}
              required
              placeholder="person or team"
              onChange={(e) => setOwner(e.target.value)}
            />
          </label>
          <label>
            Due (end of day, UTC)
            <input type="date" value={due} required onChange={(e) => setDue(e.target.value)} />
          </label>
          <button type="submit" disabled={busy}>
            Add action
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
