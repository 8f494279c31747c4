import { useEffect, useState } from "react";
import { get, getText } from "../api";
import { CLASS_MEANING, claimVerdict, dateTime, factor, pct, prob, silBand, words } from "../format";
import { OUTCOMES, type SafetyCard } from "../types";

const INGREDIENTS = ["misalignment", "optimization", "influence"] as const;

/** Saves text as a file through a temporary link (the API needs credentials, so a plain link cannot fetch it). */
function save(text: string, filename: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** One system's safety card as a page: read it, print it, or take it away as Markdown. */
export function SafetyCardPage({ systemId }: { systemId: string }) {
  const [card, setCard] = useState<SafetyCard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  const path = `/api/systems/${encodeURIComponent(systemId)}/safety-card`;

  useEffect(() => {
    setCard(null);
    setError(null);
    get<SafetyCard>(path)
      .then(setCard)
      .catch((e) => setError(e.message));
  }, [path]);

  const download = async (e: { preventDefault: () => void }) => {
    e.preventDefault();
    setDownloadError(null);
    try {
      save(await getText(path, "text/markdown"), `safety-card-${systemId}.md`, "text/markdown");
    } catch (err) {
      setDownloadError((err as Error).message);
    }
  };

  if (error)
    return (
      <p className="error" role="alert">
        {error}
      </p>
    );
  if (!card) return <p className="loading">Loading the safety card…</p>;
  return (
    <div className="safety-card-page">
      <div className="no-print actions" role="group" aria-label="Safety card actions">
        <a href="#configuration" className="link">
          ← Configuration
        </a>
        <a href="#board" className="link">
          ← Live board
        </a>
        <button type="button" onClick={() => window.print()}>
          Print
        </button>
        <a href={path} onClick={download} download={`safety-card-${systemId}.md`} className="button-link">
          Download Markdown
        </a>
        {downloadError && (
          <p className="error" role="alert">
            {downloadError}
          </p>
        )}
      </div>
      <SafetyCardDocument card={card} />
    </div>
  );
}

/** The card itself: profile and class, coverage warnings, the barriers with what production demonstrated, the record. */
export function SafetyCardDocument({ card }: { card: SafetyCard }) {
  const rationale = card.riskProfile.rationale ?? {};
  const depths = Object.keys(card.incidents.byDepth)
    .map(Number)
    .sort((a, b) => a - b);
  return (
    <article className="safety-card" aria-labelledby="card-title" data-safety-card={card.systemId}>
      <header>
        <h1 id="card-title">Safety card: {card.name}</h1>
        <p className="meta">
          <code>{card.systemId}</code> · {words(card.kind)} · owner {card.owner ?? "—"} · {words(card.lifecycle)} ·
          generated {dateTime(card.generatedAt)}
        </p>
        <p>
          Hazard: <strong>{card.hazard}</strong>. Top event: <strong>{card.topEvent}</strong>.
        </p>
      </header>

      <section aria-labelledby="card-profile">
        <h2 id="card-profile">
          Risk profile:{" "}
          <span className={`badge class-${card.riskClass.toLowerCase()}`} data-risk-class>
            {card.riskClass}
          </span>
        </h2>
        <p className="meta">{CLASS_MEANING[card.riskClass] ?? ""}</p>
        <table className="list" aria-label="Risk profile">
          <thead>
            <tr>
              <th scope="col">Ingredient</th>
              <th scope="col">Rating</th>
              <th scope="col">Why</th>
            </tr>
          </thead>
          <tbody>
            {INGREDIENTS.map((k) => (
              <tr key={k} data-ingredient={k}>
                <th scope="row">{k}</th>
                <td>{words(card.riskProfile[k])}</td>
                <td>{rationale[k] ?? <span className="meta">no rationale given</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      <section aria-labelledby="card-warnings">
        <h2 id="card-warnings">Coverage and data warnings</h2>
        {card.warnings.length === 0 ? (
          <p>None: the bow-tie has what its class depends on.</p>
        ) : (
          <ul className="warnings">
            {card.warnings.map((w) => (
              <li key={`${w.code}:${w.message}`} data-warning={w.code}>
                <span aria-hidden="true">⚠ </span>
                <strong>{words(w.code)}</strong>: {w.message}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="card-barriers">
        <h2 id="card-barriers">Barriers</h2>
        <p className="meta">
          D demands, F failures, S incidents that got past with no report. PFD: Jeffreys estimate with its 95% interval;
          RRF and SIL band from the one-sided 95% upper bound.
        </p>
        <div className="table-scroll">
          <table className="list card-barriers" aria-label="Barriers">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Barrier</th>
                <th scope="col">Category</th>
                <th scope="col">Acts</th>
                <th scope="col">State</th>
                <th scope="col">D</th>
                <th scope="col">F</th>
                <th scope="col">S</th>
                <th scope="col">PFD (95% interval)</th>
                <th scope="col">Upper 95%</th>
                <th scope="col">RRF</th>
                <th scope="col">SIL</th>
                <th scope="col">Claim</th>
                <th scope="col">Proof tests</th>
                <th scope="col">Availability</th>
              </tr>
            </thead>
            <tbody>
              {card.barriers.map((b) => (
                <tr key={b.id} data-barrier={b.id}>
                  <td>
                    {b.line} <span className="meta">({b.side === "THREAT" ? "preventive" : "reactive"})</span>
                  </td>
                  <th scope="row">
                    {b.name}{" "}
                    <span className="meta">
                      <code>{b.id}</code>
                      {b.version != null && ` v${b.version}`}
                    </span>
                  </th>
                  <td>{words(b.category)}</td>
                  <td>{b.acting ? "acts" : "detects only"}</td>
                  <td data-state={b.state}>
                    {b.state === "IN_SERVICE" ? "in service" : <strong>⚠ {words(b.state)}</strong>}
                    {b.mayBeDead && (
                      <>
                        {" "}
                        <strong data-may-be-dead title={b.mayBeDead}>
                          <span aria-hidden="true">⍰ </span>may be dead
                        </strong>
                        <span className="sr-only">: {b.mayBeDead}</span>
                      </>
                    )}
                  </td>
                  <td>{b.demands}</td>
                  <td>{b.failures}</td>
                  <td>{b.silentPasses}</td>
                  <td data-pfd>
                    {prob(b.pfd.estimate)} ({prob(b.pfd.interval95.lower)} – {prob(b.pfd.interval95.upper)})
                  </td>
                  <td>{prob(b.pfd.upper95)}</td>
                  <td>{factor(b.pfd.riskReductionFactor)}</td>
                  <td data-sil>{silBand(b.pfd.sil)}</td>
                  <td>
                    {b.claimedPfd == null ? (
                      "—"
                    ) : (
                      <>
                        {prob(b.claimedPfd)} {claimVerdict(b.claim)}
                      </>
                    )}
                  </td>
                  <td>
                    {!b.proofTests || b.proofTests.count === 0
                      ? "none"
                      : `${b.proofTests.count} (${b.proofTests.failures} failed${b.proofTests.last ? `, last ${dateTime(b.proofTests.last)}` : ""})`}
                  </td>
                  <td>{pct(b.availability)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>Known failure modes</h3>
        <ul className="failure-modes">
          {card.barriers.map((b) => (
            <li key={b.id}>
              <strong>{b.name}</strong>: {b.failureModes ?? "—"}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="card-record">
        <h2 id="card-record">Incident record</h2>
        <p data-incident-total>
          {card.incidents.total} incident{card.incidents.total === 1 ? "" : "s"}, {card.incidents.open} open.
        </p>
        <div className="side-by-side">
          <table className="list" aria-label="Incidents by outcome">
            <thead>
              <tr>
                <th scope="col">Outcome</th>
                <th scope="col">Incidents</th>
              </tr>
            </thead>
            <tbody>
              {OUTCOMES.map((o) => (
                <tr key={o}>
                  <th scope="row">
                    <span className={`outcome outcome-${o.toLowerCase()}`}>{words(o)}</span>
                  </th>
                  <td>{card.incidents.byOutcome[o] ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table className="list" aria-label="Incidents by barriers passed">
            <thead>
              <tr>
                <th scope="col">Barriers passed</th>
                <th scope="col">Incidents</th>
              </tr>
            </thead>
            <tbody>
              {depths.length === 0 && (
                <tr>
                  <td colSpan={2}>none</td>
                </tr>
              )}
              {depths.map((d) => (
                <tr key={d}>
                  <th scope="row">{d}</th>
                  <td>{card.incidents.byDepth[d]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </article>
  );
}
