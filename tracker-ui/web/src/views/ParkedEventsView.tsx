import { Fragment, useCallback, useEffect, useState } from "react";
import { get, send } from "../api";
import { Field } from "../components/Field";
import { dateTime } from "../format";
import type { ParkedEvent, ParkedList, ParkedRetried } from "../types";

/** What each read model shows, so an admin knows what stays behind while its events are parked. */
export const READ_MODEL_SHOWS: Record<string, string> = {
  "incident-timeline": "incidents and their step-by-step replay",
  fleet: "the systems: bow-tie, class, lifecycle, barrier states",
  "operator-board": "the live board",
  "barrier-statistics": "the statistics and the safety card's figures",
  "incident-publisher": "the incident changes published on tracker.incidents",
  "alert-dispatcher": "the alerts queued for webhook routes",
};
const shows = (readModel: string) => READ_MODEL_SHOWS[readModel] ?? "its own view";

/** Parked events asked for at once; the summary counts them all. */
const LIMIT = 500;
/** Causes longer than this fold away behind their first and last words (a database's reason comes last). */
const CAUSE_SHOWN = 160;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const key = (e: ParkedEvent) => `${e.readModel}/${e.systemId}/${e.id}`;
const path = (...parts: string[]) => parts.map(encodeURIComponent).join("/");
/** "SystemRegistered (sequence 0) of web-1 from fleet" */
const describe = (e: ParkedEvent) =>
  `${e.eventType}${e.sequence != null ? ` (sequence ${e.sequence})` : ""} of ` + `${e.systemId} from ${e.readModel}`;
/** The last part of a Java class name: PSQLException, not org.postgresql.util.PSQLException. */
const shortType = (type?: string) => (type ? type.slice(type.lastIndexOf(".") + 1) : undefined);

/**
 * Events the read models could not handle, parked with the later events of the same system behind them (and that
 * system behind in that read model) until they are tried again or evicted. Administrators only.
 */
export function ParkedEventsView() {
  const [list, setList] = useState<ParkedList | null>(null);
  const [readModel, setReadModel] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirming, setConfirming] = useState<string | null>(null);

  const load = useCallback(async () => {
    const query = new URLSearchParams({ limit: String(LIMIT) });
    if (readModel) query.set("readModel", readModel);
    try {
      setList(await get<ParkedList>(`/api/admin/parked?${query}`));
    } catch (e) {
      setError((e as Error).message);
    }
  }, [readModel]);
  useEffect(() => {
    load();
  }, [load]);

  /** Runs one action, says what came of it, and reads the list again. */
  const act = async (what: string, work: () => Promise<string>) => {
    setBusy(what);
    setError(null);
    setDone(null);
    try {
      setDone(await work());
      setConfirming(null);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
      await load();
    }
  };

  const retryReadModel = (model: string) =>
    act(`retry ${model}`, async () => {
      const r = (await send<ParkedRetried>("POST", `/api/admin/parked/${path(model)}/retry`))!;
      return (
        `Retried ${model}: ${r.sequencesCleared} of ${plural(r.sequencesTried, "system")} cleared; ` +
        `${plural(r.stillParked, "event")} still parked there.`
      );
    });
  const retrySystem = (e: ParkedEvent) =>
    act(`retry ${e.readModel}/${e.systemId}`, async () => {
      const r = (await send<ParkedRetried>("POST", `/api/admin/parked/${path(e.readModel, e.systemId)}/retry`))!;
      return r.sequencesCleared > 0
        ? `Retried ${e.systemId} in ${e.readModel}: its parked events were applied; ${plural(r.stillParked, "event")} ` +
            `still parked in ${e.readModel}.`
        : `Retried ${e.systemId} in ${e.readModel}: it failed again and stays parked; ${plural(r.stillParked, "event")} ` +
            `still parked in ${e.readModel}.`;
    });
  const evict = (e: ParkedEvent) =>
    act(`evict ${key(e)}`, async () => {
      await send("DELETE", `/api/admin/parked/${path(e.readModel, e.systemId, e.id)}`);
      return `Evicted ${e.eventType} of ${e.systemId} from ${e.readModel}: ${e.readModel} will never show it.`;
    });

  const summary = list?.summary;
  const readModels = Object.keys(summary?.byReadModel ?? {});
  const shownTotal = readModel ? (summary?.byReadModel[readModel] ?? 0) : (summary?.total ?? 0);
  return (
    <section aria-labelledby="parked-title" className="parked">
      <div className="view-head">
        <h1 id="parked-title">Parked events</h1>
        <button
          type="button"
          className="small"
          onClick={() => {
            setDone(null);
            load();
          }}
        >
          Refresh
        </button>
      </div>
      <p className="hint">
        Events a read model could not handle are parked, and the later events of the same system wait behind them, so
        that read model shows the system as it was before, never out of order; every other system goes on. Once the
        cause is fixed, retry them. An event that can never be applied can be evicted: that read model will then never
        show it.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && (
        <p role="status" data-parked-result>
          {done}
        </p>
      )}
      {!list && !error && <p className="loading">Loading parked events…</p>}
      {summary && (
        <>
          <table className="list parked-summary" aria-label="Parked events per read model">
            <thead>
              <tr>
                <th scope="col">Read model</th>
                <th scope="col">Shows</th>
                <th scope="col">Parked</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {readModels.map((m) => (
                <tr key={m} data-read-model={m}>
                  <th scope="row">
                    <code>{m}</code>
                  </th>
                  <td>{shows(m)}</td>
                  <td data-count>{summary.byReadModel[m]}</td>
                  <td>
                    <button
                      type="button"
                      className="small"
                      disabled={summary.byReadModel[m] === 0 || busy !== null}
                      onClick={() => retryReadModel(m)}
                      aria-label={`Retry every system parked in ${m}`}
                    >
                      {busy === `retry ${m}` ? "Retrying…" : "Retry all"}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {summary.total === 0 ? (
            <p className="empty" data-parked-none>
              Nothing is parked: every read model has handled every event.
            </p>
          ) : (
            <p>
              Systems with parked events: <strong data-parked-systems>{summary.systems.join(", ")}</strong>
              {summary.systems.length >= 50 && " and perhaps more"}.
            </p>
          )}
        </>
      )}
      {list && list.summary.total > 0 && (
        <>
          <h2>The parked events</h2>
          <Field label="Read model">
            <select value={readModel} onChange={(e) => setReadModel(e.target.value)}>
              <option value="">every read model</option>
              {readModels.map((m) => (
                <option key={m} value={m}>
                  {m}
                </option>
              ))}
            </select>
          </Field>
          {list.items.length < shownTotal && (
            <p className="meta">
              The first {list.items.length} of {shownTotal}, system by system, in the order they would be tried again.
            </p>
          )}
          {list.items.length === 0 && <p className="empty">Nothing parked in {readModel}.</p>}
          {list.items.length > 0 && (
            <div className="table-scroll">
              <table className="list parked-events" aria-label="Parked events">
                <thead>
                  <tr>
                    <th scope="col">Read model</th>
                    <th scope="col">System</th>
                    <th scope="col">Event</th>
                    <th scope="col">
                      <abbr title="the event's place in its system's stream">Sequence</abbr>
                    </th>
                    <th scope="col">Occurred</th>
                    <th scope="col">Parked</th>
                    <th scope="col">Last tried</th>
                    <th scope="col">Cause</th>
                    <th scope="col"></th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((e) => (
                    <Fragment key={key(e)}>
                      <ParkedRow
                        event={e}
                        busy={busy}
                        confirming={confirming === key(e)}
                        onRetry={() => retrySystem(e)}
                        onEvict={() => setConfirming(key(e))}
                      />
                      {confirming === key(e) && (
                        <tr className="confirm-row">
                          <td colSpan={9}>
                            <EvictConfirmation
                              event={e}
                              behind={
                                list.items.filter(
                                  (o) => o.readModel === e.readModel && o.systemId === e.systemId && o.index > e.index,
                                ).length
                              }
                              busy={busy === `evict ${key(e)}`}
                              onEvict={() => evict(e)}
                              onKeep={() => setConfirming(null)}
                            />
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </section>
  );
}

function ParkedRow({
  event: e,
  busy,
  confirming,
  onRetry,
  onEvict,
}: {
  event: ParkedEvent;
  busy: string | null;
  confirming: boolean;
  onRetry: () => void;
  onEvict: () => void;
}) {
  const cause = e.cause ?? "";
  const type = shortType(e.causeType);
  return (
    <tr
      data-parked-event={e.id}
      data-system={e.systemId}
      data-read-model={e.readModel}
      data-index={e.index}
      className={e.index > 0 ? "waiting" : undefined}
    >
      <td>
        <code>{e.readModel}</code>
      </td>
      <td>{e.systemId}</td>
      <td data-event-type>
        {e.eventType}
        <span className="sub meta">{e.index === 0 ? "failed first" : `waits behind ${plural(e.index, "event")}`}</span>
      </td>
      <td>{e.sequence ?? "—"}</td>
      <td>{dateTime(e.occurredAt)}</td>
      <td>{dateTime(e.parkedAt)}</td>
      <td>{dateTime(e.lastTried)}</td>
      <td className="cause" data-cause>
        {type && <strong>{type}: </strong>}
        {cause.length <= CAUSE_SHOWN ? (
          cause || (type ? "" : "—")
        ) : (
          <details>
            <summary>
              {cause.slice(0, CAUSE_SHOWN / 4)} … {cause.slice((-CAUSE_SHOWN * 3) / 4)}
            </summary>
            {cause}
          </details>
        )}
      </td>
      <td className="row-actions">
        {e.index === 0 && (
          <button
            type="button"
            className="small"
            disabled={busy !== null}
            onClick={onRetry}
            aria-label={`Retry ${e.systemId} in ${e.readModel}`}
          >
            {busy === `retry ${e.readModel}/${e.systemId}` ? "Retrying…" : "Retry system"}
          </button>
        )}
        <button
          type="button"
          className="small danger"
          disabled={busy !== null || confirming}
          onClick={onEvict}
          aria-label={`Evict ${describe(e)}`}
        >
          Evict…
        </button>
      </td>
    </tr>
  );
}

/** Evicting cannot be undone from here: the confirmation says what the read model will be without the event. */
function EvictConfirmation({
  event: e,
  behind,
  busy,
  onEvict,
  onKeep,
}: {
  event: ParkedEvent;
  behind: number;
  busy: boolean;
  onEvict: () => void;
  onKeep: () => void;
}) {
  const id = `evict-${e.id}`;
  return (
    <div className="confirm" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
      <p id={`${id}-title`}>
        <strong>Evict {describe(e)}?</strong>
      </p>
      <p id={`${id}-text`}>
        The {e.readModel} read model will never show this event. Only a replay of {e.readModel} would try it again.
        {behind === 1 && " The event parked behind it stays parked until it is retried."}
        {behind > 1 && ` The ${behind} events parked behind it stay parked until they are retried.`}
      </p>
      <button type="button" className="danger" disabled={busy} onClick={onEvict}>
        {busy ? "Evicting…" : "Evict for good"}
      </button>
      <button type="button" className="link" disabled={busy} onClick={onKeep}>
        Keep it parked
      </button>
    </div>
  );
}
