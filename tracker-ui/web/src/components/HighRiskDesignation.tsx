import { useState } from "react";
import { send } from "../api";
import { Field } from "./Field";
import type { HighRiskRequest, SystemView } from "../types";

/**
 * Whether a system is high-risk under the EU AI Act (its serious incidents then have an Article 73 reporting clock),
 * and for admins a way to designate it or take the designation back, always with the basis. The server keeps the
 * designation as an event on the system's stream; a change shows here at once and in the fleet once it has caught up.
 */
export function HighRiskDesignation({
  system,
  canDesignate,
  onChanged,
}: {
  system: SystemView;
  canDesignate: boolean;
  onChanged?: (designation: HighRiskRequest) => void;
}) {
  // what this admin saved last: shown at once, before the fleet has caught up
  const [saved, setSaved] = useState<HighRiskRequest | null>(null);
  const [done, setDone] = useState(false);
  const current: boolean | undefined = saved?.highRisk ?? system.highRisk;
  const currentBasis = saved ? saved.basis : system.highRiskBasis;
  const [highRisk, setHighRisk] = useState<boolean>(current ?? false);
  const [basis, setBasis] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const unchanged = current !== undefined && highRisk === current;
  return (
    <section className="high-risk" aria-labelledby="high-risk-title">
      <h3 id="high-risk-title">EU AI Act designation</h3>
      <p data-high-risk={current === undefined ? "unknown" : String(current)}>
        {current === true && (
          <>
            <strong>High-risk.</strong> Its serious incidents have an Article 73 reporting clock.
          </>
        )}
        {current === false && <>Not designated high-risk: its incidents have no Article 73 reporting clock.</>}
        {current === undefined && <>The fleet does not say yet whether this system is designated high-risk.</>}
        {current !== undefined && currentBasis && (
          <>
            {" "}
            Basis: <q>{currentBasis}</q>
          </>
        )}
      </p>
      {canDesignate && (
        <form
          aria-label="Change the EU AI Act designation"
          onSubmit={async (e) => {
            e.preventDefault();
            setError(null);
            setDone(false);
            const body: HighRiskRequest = { highRisk, basis: basis.trim() };
            if (!body.basis) {
              setError("Give the basis: why the system is (or no longer is) high-risk.");
              return;
            }
            setBusy(true);
            try {
              await send("PUT", `/api/systems/${encodeURIComponent(system.id)}/high-risk`, body);
              setSaved(body);
              setDone(true);
              setBasis("");
              onChanged?.(body);
            } catch (err) {
              setError((err as Error).message);
            } finally {
              setBusy(false);
            }
          }}
        >
          <label className="checkbox">
            <input
              type="checkbox"
              checked={highRisk}
              onChange={(e) => {
                setHighRisk(e.target.checked);
                setDone(false);
              }}
            />{" "}
            High-risk system (EU AI Act)
          </label>
          <Field label="Basis" className="grow">
            <textarea
              value={basis}
              placeholder="e.g. Annex III 5(b): creditworthiness of natural persons"
              onChange={(e) => setBasis(e.target.value)}
            />
          </Field>
          <button type="submit" disabled={busy || unchanged}>
            {busy ? "Saving…" : "Save designation"}
          </button>
          {unchanged && !done && <span className="hint"> Tick or untick to change the designation.</span>}
          {done && saved && (
            <span role="status"> {saved.highRisk ? "Designated high-risk." : "No longer designated high-risk."}</span>
          )}
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
