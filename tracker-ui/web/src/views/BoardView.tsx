import { Fragment, useCallback, useEffect, useRef, useState } from "react";
import { eventually, get, send, subscribe } from "../api";
import { MarkChip, MarkLegend } from "../components/Marks";
import { dateTime, pathName, sentence, words } from "../format";
import { MARK_LOOK } from "../marks";
import type { Board, BoardCard, BoardPath, Me, ParkedSummary } from "../types";

/** How soon to ask again while a barrier is flagged silent: a report that revives it is not pushed on the stream. */
const SILENT_RECHECK_MS = 60_000;
/** Never wait longer than this before asking again (timers overflow past ~24 days). */
const LONGEST_RECHECK_MS = 3_600_000;

/**
 * When the board should be read again although nothing was pushed: a barrier's silence is judged when the board is
 * read, so the card says when a watched barrier would turn silent (`livenessRecheckAt`). Null: nothing to wait for.
 */
export function recheckDelay(cards: BoardCard[], now: number): number | null {
  let delay: number | null = null;
  for (const card of cards) {
    if (card.livenessRecheckAt) {
      // at least 15 s: a browser clock ahead of the server's must not make it ask every second
      const until = Math.max(15_000, Date.parse(card.livenessRecheckAt) - now);
      delay = delay === null ? until : Math.min(delay, until);
    }
    if (card.mayBeDead?.some((d) => d.reasons.includes("SILENT"))) {
      delay = delay === null ? SILENT_RECHECK_MS : Math.min(delay, SILENT_RECHECK_MS);
    }
  }
  return delay === null ? null : Math.min(delay, LONGEST_RECHECK_MS);
}

/** Roles that may acknowledge a change of class (SecurityConfiguration). */
const ACKNOWLEDGERS = ["OPERATOR", "MANAGER", "ADMIN"];
/** Alerts shown on a card; the rest fold away, so a busy system does not push the others off the screen. */
const ALERTS_SHOWN = 4;

/** Cards read at a time: a fleet of thousands is read a page at a time, the systems that need attention first. */
export const PAGE_SIZE = 200;

/**
 * The cards shown once a card is pushed on the stream: a card shown is replaced; one not shown yet is added if the
 * whole board is shown, or if it needs attention (it belongs among the first cards); else it waits for "show more".
 */
export function withPushed(
  shown: Record<string, BoardCard>,
  card: BoardCard,
  everyShown: boolean,
): Record<string, BoardCard> {
  return everyShown || card.alert || shown[card.systemId] ? { ...shown, [card.systemId]: card } : shown;
}

/** These pages of the board (from the first), read together. */
function pages(count: number): Promise<Board[]> {
  return Promise.all(
    Array.from({ length: Math.max(1, count) }, (_, page) => get<Board>(`/api/board?page=${page}&size=${PAGE_SIZE}`)),
  );
}

const byId = (cards: BoardCard[]) => Object.fromEntries(cards.map((c) => [c.systemId, c]));

/** The operators' live board: updated from the server's event stream, no reloads. */
export function BoardView({ me }: { me: Me }) {
  const [cards, setCards] = useState<Record<string, BoardCard> | null>(null);
  // systems on the whole board, as last read (null: not read yet)
  const [total, setTotal] = useState<number | null>(null);
  const [pagesRead, setPagesRead] = useState(1);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);
  const [parked, setParked] = useState<ParkedSummary | null>(null);
  const shownCount = cards ? Object.keys(cards).length : 0;
  // judged by the pages read, not by the cards shown: cards move between pages as their alerts come and go
  const everyShown = total !== null && pagesRead * PAGE_SIZE >= total;
  const everyShownRef = useRef(everyShown);
  everyShownRef.current = everyShown;

  useEffect(() => {
    get<Board>(`/api/board?size=${PAGE_SIZE}`)
      .then((board) => {
        setTotal(board.total ?? board.systems.length);
        setCards((old) => ({ ...byId(board.systems), ...(old ?? {}) }));
        if (board.parked) setParked((old) => old ?? board.parked!);
      })
      .catch((e) => setError(e.message));
    const stop = subscribe(
      `/api/board/stream?size=${PAGE_SIZE}`,
      (name, data) => {
        setLive(true);
        if (name === "board") {
          // the first page as it stands when (re)connected; cards of further pages read already stay
          const first: BoardCard[] = JSON.parse(data);
          setCards((old) => ({ ...(old ?? {}), ...byId(first) }));
        } else if (name === "card") {
          const card: BoardCard = JSON.parse(data);
          setCards((old) => withPushed(old ?? {}, card, everyShownRef.current));
        } else if (name === "parked") {
          setParked(JSON.parse(data));
        }
      },
      () => setLive(false),
    );
    return () => stop();
  }, []);

  useEffect(() => {
    if (!cards) return;
    const delay = recheckDelay(Object.values(cards), Date.now());
    if (delay === null) return;
    const timer = setTimeout(() => {
      pages(pagesRead)
        .then((read) => {
          setTotal(read[0].total ?? null);
          setCards((old) => ({ ...(old ?? {}), ...byId(read.flatMap((b) => b.systems)) }));
        })
        .catch(() => undefined); // the stream and the next check carry on
    }, delay);
    return () => clearTimeout(timer);
  }, [cards]); // eslint-disable-line react-hooks/exhaustive-deps

  /**
   * One page more: the pages read so far are read again with it, since a card that stopped alerting moves the cards
   * behind it up a place and one of them would otherwise fall between the pages.
   */
  const showMore = async () => {
    try {
      const read = await pages(pagesRead + 1);
      setPagesRead(pagesRead + 1);
      setTotal(read[read.length - 1].total ?? null);
      setCards((old) => ({ ...(old ?? {}), ...byId(read.flatMap((b) => b.systems)) }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const acknowledge = useCallback(async (systemId: string) => {
    await send("POST", `/api/systems/${encodeURIComponent(systemId)}/class-change/acknowledge`);
    // the stream pushes the card too; this covers a stream that is not connected
    const card = await eventually(
      () => get<BoardCard>(`/api/board/systems/${encodeURIComponent(systemId)}`),
      (c) => !c.classChange,
    );
    if (!card.classChange) setCards((old) => ({ ...(old ?? {}), [systemId]: card }));
  }, []);

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!cards) return <p className="loading">Loading the board…</p>;
  const list = Object.values(cards).sort(
    (a, b) => Number(b.alert) - Number(a.alert) || a.systemId.localeCompare(b.systemId),
  );
  const canAcknowledge = me.roles.some((r) => ACKNOWLEDGERS.includes(r));
  return (
    <section aria-labelledby="board-title">
      <div className="view-head">
        <h1 id="board-title">Live board</h1>
        <span className={live ? "live on" : "live"}>{live ? "● live" : "○ connecting…"}</span>
      </div>
      <p className="hint">
        Each row is a path from a threat to harm, its barriers in the order a hazard meets them, with ▲ where the top
        event sits between the preventive and the reactive ones; the number is the path's margin: how many barriers that
        can stop a hazard still stand.
      </p>
      {parked && parked.total > 0 && <ParkedNotice parked={parked} admin={me.roles.includes("ADMIN")} />}
      <details className="legend-box">
        <summary>What the marks mean</summary>
        <MarkLegend />
      </details>
      {list.length === 0 && <p className="empty">No systems registered yet.</p>}
      {total !== null && !everyShown && (
        <p className="hint" data-board-page>
          Showing {shownCount} of {total} systems, those needing attention first.
        </p>
      )}
      <div className="cards">
        {list.map((card) => (
          <BoardCardView key={card.systemId} card={card} onAcknowledge={canAcknowledge ? acknowledge : undefined} />
        ))}
      </div>
      {total !== null && !everyShown && (
        <button type="button" onClick={() => void showMore()}>
          Show {Math.min(PAGE_SIZE, total - pagesRead * PAGE_SIZE)} more systems
        </button>
      )}
    </section>
  );
}

/**
 * Events the read models parked: what the tracker shows of the systems named may be behind until they are retried.
 * Admins get the way to the page that retries them; the others are told who can.
 */
export function ParkedNotice({ parked, admin }: { parked: ParkedSummary; admin: boolean }) {
  const models = Object.entries(parked.byReadModel)
    .filter(([, n]) => n > 0)
    .map(([m, n]) => `${m} ${n}`);
  const systems = parked.systems.join(", ") || "some systems";
  return (
    <div className="banner" role="status" data-parked={parked.total}>
      ⚠ {parked.total} event{parked.total === 1 ? "" : "s"} could not be applied by the read models
      {models.length > 0 && <> ({models.join(", ")})</>}: what the tracker shows of{" "}
      <span data-parked-systems>{systems}</span>
      {parked.systems.length >= 50 && " and perhaps more"} may be behind until{" "}
      {parked.total === 1 ? "it is" : "they are"} retried.{" "}
      {admin ? <a href="#parked">See the parked events</a> : "An admin can retry them on the Parked events page."}
    </div>
  );
}

/**
 * Where the top event sits on a path: after its preventive barriers. Reached when the hazard is past the last of them
 * (on a path with none, when an open incident is on it at all).
 */
function TopEventMark({ path }: { path: BoardPath }) {
  const last = path.barriers[path.threatLength - 1];
  const reached = last ? MARK_LOOK[last.mark].behind : path.incidentId !== undefined;
  const label = reached ? "top event: reached" : "top event";
  return (
    <span
      className={`top-mark${reached ? " reached" : ""}`}
      role="img"
      aria-label={label}
      title={label}
      data-top-event={reached ? "reached" : "not-reached"}
    >
      <span aria-hidden="true">▲</span>
    </span>
  );
}

/** One system on the board. `onAcknowledge` is given only to roles that may acknowledge a class change. */
export function BoardCardView({
  card,
  onAcknowledge,
}: {
  card: BoardCard;
  onAcknowledge?: (systemId: string) => Promise<void>;
}) {
  const [acknowledging, setAcknowledging] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const off = card.lifecycle === "SHUT_DOWN" || card.lifecycle === "DECOMMISSIONED";
  const incidents = card.openIncidentCount;
  const listedIncidents = card.openIncidents.slice(0, 4);
  // the class change is one of the alerts; it gets its button beside its words
  const classAlert = card.classChange ? card.alerts.findIndex((a) => a.includes(card.classChange!)) : -1;
  const alerts = card.alerts.map((a, i) => ({ text: sentence(a), classChange: i === classAlert }));
  if (card.classChange && classAlert < 0)
    alerts.push({ text: `class changed: ${card.classChange}`, classChange: true });
  alerts.sort((a, b) => Number(b.classChange) - Number(a.classChange)); // the one that asks for someone, first
  const shown = alerts.slice(0, ALERTS_SHOWN);
  const more = alerts.slice(ALERTS_SHOWN);
  const dead = new Set((card.mayBeDead ?? []).map((d) => d.barrierId));
  const names: Record<string, string> = {};
  card.paths.forEach((p) =>
    p.barriers.forEach((b) => {
      names[b.id] = b.name;
    }),
  );

  const acknowledge = async () => {
    if (!onAcknowledge) return;
    setAcknowledging(true);
    setError(null);
    try {
      await onAcknowledge(card.systemId);
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setAcknowledging(false);
    }
  };

  return (
    <article
      className={`card${card.alert ? " alert" : ""}${off ? " off" : ""}`}
      data-system={card.systemId}
      aria-label={`${card.name}${card.alert ? ", alert" : ""}`}
    >
      <header>
        <h2>{card.name}</h2>
        <span className="badge">{words(card.lifecycle)}</span>
        <span className={`badge class-${card.riskClass.toLowerCase()}`}>{card.riskClass.toLowerCase()}</span>
        {card.activityAfterShutdown && (
          <span className="badge badge-alert" data-activity-after-shutdown>
            ⚠ active after shutdown
          </span>
        )}
        {card.activityWhileSuspended && (
          <span className="badge badge-alert" data-activity-while-suspended>
            ⚠ active while suspended
          </span>
        )}
        <a className="card-link" href={`#card/${encodeURIComponent(card.systemId)}`}>
          Safety card
        </a>
      </header>
      {alerts.length > 0 && (
        <div className="alerts" role="group" aria-label={`Alerts for ${card.name}`}>
          <ul>
            {shown.map((a) => (
              <li key={a.text} data-class-change={a.classChange ? card.classChange : undefined}>
                <span aria-hidden="true">⚠ </span>
                {a.text}
                {a.classChange && onAcknowledge && (
                  <button
                    type="button"
                    className="small"
                    disabled={acknowledging}
                    onClick={acknowledge}
                    aria-label={`Acknowledge the class change of ${card.name}`}
                  >
                    {acknowledging ? "Acknowledging…" : "Acknowledge"}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {more.length > 0 && (
            <details>
              <summary>
                {more.length} more alert{more.length === 1 ? "" : "s"}
              </summary>
              <ul>
                {more.map((a) => (
                  <li key={a.text}>
                    <span aria-hidden="true">⚠ </span>
                    {a.text}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      <p className="meta">
        {words(card.kind)} · {incidents} open incident{incidents === 1 ? "" : "s"} · lowest margin{" "}
        <strong data-lowest-margin>{card.lowestMargin ?? "—"}</strong>
      </p>
      <table className="paths">
        <caption className="sr-only">Paths of {card.name}, each with its barriers and margin</caption>
        <thead className="sr-only">
          <tr>
            <th>Path</th>
            <th>Barriers</th>
            <th>Margin</th>
          </tr>
        </thead>
        <tbody>
          {card.paths.map((p) => (
            <tr
              key={`${p.threatLine}>${p.consequenceLine}`}
              className={p.liveMargin <= 1 ? "thin" : undefined}
              data-path={pathName(p.threatLine, p.consequenceLine)}
            >
              <th scope="row">
                {pathName(p.threatLine, p.consequenceLine)}
                {p.incidentId && (
                  <>
                    {" "}
                    <a
                      className="set-by"
                      href={`#incidents/${p.incidentId}`}
                      title={`margin set by incident ${p.incidentId}`}
                    >
                      #{p.incidentId.slice(p.incidentId.lastIndexOf(".") + 1)}
                    </a>
                  </>
                )}
              </th>
              <td>
                <span className="chips">
                  {p.barriers.map((b, i) => (
                    <Fragment key={b.id}>
                      {i === p.threatLength && <TopEventMark path={p} />}
                      <MarkChip id={b.id} name={b.name} mark={b.mark} suspect={dead.has(b.id)} />
                    </Fragment>
                  ))}
                  {p.threatLength >= p.barriers.length && <TopEventMark path={p} />}
                </span>
              </td>
              <td className="margin" data-live-margin={p.liveMargin}>
                {p.liveMargin}
                <span className="sr-only"> {p.liveMargin === 1 ? "barrier" : "barriers"} left</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {(card.mayBeDead?.length ?? 0) > 0 && (
        <ul className="may-be-dead" aria-label={`Barriers of ${card.name} that may be dead`}>
          {card.mayBeDead!.map((d) => (
            <li key={d.barrierId} data-may-be-dead={d.barrierId}>
              <span aria-hidden="true">⍰ </span>
              {sentence(d.message)}
            </li>
          ))}
        </ul>
      )}
      {(card.overdueActions?.length ?? 0) > 0 && (
        <ul className="overdue-actions" aria-label={`Overdue follow-up actions of ${card.name}`}>
          {card.overdueActions!.map((a) => (
            <li key={a.actionId} data-overdue-action={a.actionId}>
              <span aria-hidden="true">⏰ </span>
              <a href={`#incidents/${a.incidentId}`}>{a.incidentId}</a>: {a.title}, owner {a.owner}, due{" "}
              {dateTime(a.due)}
            </li>
          ))}
        </ul>
      )}
      {incidents > 0 && (
        <ul className="open-incidents" aria-label={`Open incidents of ${card.name}`}>
          {listedIncidents.map((i) => (
            <li key={i.id}>
              <a href={`#incidents/${i.id}`}>{i.id}</a>{" "}
              <span className={`outcome outcome-${i.outcome.toLowerCase()}`}>{words(i.outcome)}</span>, past{" "}
              {i.position} of {i.pathLength}, margin {i.margin}
              {i.stoppedBy && <>, held by {names[i.stoppedBy] ?? i.stoppedBy}</>}
            </li>
          ))}
          {incidents > listedIncidents.length && (
            <li>
              <a href={`#incidents`}>{incidents - listedIncidents.length} more…</a>
            </li>
          )}
        </ul>
      )}
    </article>
  );
}
