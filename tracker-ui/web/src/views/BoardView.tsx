import { useEffect, useState } from "react";
import { get, subscribe } from "../api";
import type { BoardCard } from "../types";

const STATE_GLYPH = { INTACT: "▮", DEGRADED: "!", BREACHED: "✕" } as const;

/** The operators' live board: updated from the server's event stream, no reloads. */
export function BoardView() {
  const [cards, setCards] = useState<Record<string, BoardCard> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [live, setLive] = useState(false);

  useEffect(() => {
    let stop = () => {};
    get<{ systems: BoardCard[] }>("/api/board")
      .then((board) => setCards(Object.fromEntries(board.systems.map((c) => [c.systemId, c]))))
      .catch((e) => setError(e.message));
    stop = subscribe("/api/board/stream", (name, data) => {
      setLive(true);
      if (name === "board") {
        const all: BoardCard[] = JSON.parse(data);
        setCards(Object.fromEntries(all.map((c) => [c.systemId, c])));
      } else if (name === "card") {
        const card: BoardCard = JSON.parse(data);
        setCards((old) => ({ ...(old ?? {}), [card.systemId]: card }));
      }
    }, () => setLive(false));
    return () => stop();
  }, []);

  if (error) return <p className="error" role="alert">{error}</p>;
  if (!cards) return <p className="loading">Loading the board…</p>;
  const list = Object.values(cards).sort((a, b) => Number(b.alert) - Number(a.alert) || a.systemId.localeCompare(b.systemId));
  return (
    <section aria-labelledby="board-title">
      <div className="view-head">
        <h1 id="board-title">Live board</h1>
        <span className={live ? "live on" : "live"}>{live ? "● live" : "○ connecting…"}</span>
      </div>
      <p className="hint">Each row is a path from a threat to harm; ▮ intact, ! out of service, ✕ breached by an open
        incident. The number is how many barriers still stand.</p>
      {list.length === 0 && <p className="empty">No systems registered yet.</p>}
      <div className="cards">
        {list.map((card) => <Card key={card.systemId} card={card} />)}
      </div>
    </section>
  );
}

function Card({ card }: { card: BoardCard }) {
  const off = card.lifecycle === "SHUT_DOWN" || card.lifecycle === "DECOMMISSIONED";
  return (
    <article className={`card${card.alert ? " alert" : ""}${off ? " off" : ""}`} data-system={card.systemId}
             aria-label={`${card.name}${card.alert ? ", alert" : ""}`}>
      <header>
        <h2>{card.name}</h2>
        <span className="badge">{card.lifecycle.replace("_", " ").toLowerCase()}</span>
        <span className={`badge class-${card.riskClass.toLowerCase()}`}>{card.riskClass.toLowerCase()}</span>
      </header>
      {card.activityAfterShutdown && (
        <p className="banner" role="alert">⚠ Activity after shutdown: the off switch did not hold.</p>
      )}
      {card.alert && !card.activityAfterShutdown && (
        <p className="banner" role="status">⚠ A path has {card.lowestMargin} barrier{card.lowestMargin === 1 ? "" : "s"} left.</p>
      )}
      <p className="meta">{card.kind.replace("_", " ").toLowerCase()} · {card.openIncidents.length} open
        incident{card.openIncidents.length === 1 ? "" : "s"} · lowest margin <strong data-lowest-margin>{card.lowestMargin}</strong></p>
      <table className="paths">
        <tbody>
          {card.paths.map((p) => (
            <tr key={`${p.threatLine}>${p.consequenceLine}`} className={p.liveMargin <= 1 ? "thin" : undefined}>
              <th scope="row">{p.threatLine} → {p.consequenceLine}</th>
              <td className="chips">
                {p.barriers.map((b) => (
                  <span key={b.id} className={`chip chip-${b.state.toLowerCase()}`} data-barrier={b.id}
                        data-state={b.state} title={`${b.name}: ${b.state.toLowerCase()}`}>
                    {STATE_GLYPH[b.state]}<span className="sr-only"> {b.name} {b.state.toLowerCase()}</span>
                  </span>
                ))}
              </td>
              <td className="margin" data-live-margin={p.liveMargin}>{p.liveMargin}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {card.openIncidents.length > 0 && (
        <ul className="open-incidents">
          {card.openIncidents.slice(0, 4).map((i) => (
            <li key={i.id}><a href={`#incidents/${i.id}`}>{i.id}</a> {i.outcome.replace("_", " ").toLowerCase()},
              {" "}{Math.round(i.depth * 100)}% deep, margin {i.margin}</li>
          ))}
        </ul>
      )}
    </article>
  );
}
