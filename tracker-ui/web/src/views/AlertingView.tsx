import { useCallback, useEffect, useState } from "react";
import { get, send } from "../api";
import { Field } from "../components/Field";
import { dateTime } from "../format";
import type { AlertDelivery, AlertMatchers, AlertRoute, AlertSilence, Me } from "../types";

/** What the server reads as a repeat interval (AlertingCommandController): 30s, 15m, 4h, 1d, or ISO-8601 like PT4H. */
export const REPEAT_PATTERN = "\\s*(\\d{1,9}\\s*[smhdSMHD]|[pP][0-9A-Za-z]+)\\s*";

/** The alert kinds a route or a silence may name, with what each means. */
export const ALERT_KINDS: [string, string][] = [
  ["incident-opened", "an incident opened"],
  ["incident-escalated", "its outcome got worse"],
  ["top-event", "it reached the top event"],
  ["full-failure", "it is a full failure (inhibits its top-event alert)"],
  ["class-changed", "a system changed class"],
  ["activity-after-shutdown", "activity after a shutdown"],
  ["severity-changed", "responders rated an incident"],
  ["overdue-action", "a follow-up action is past its due date"],
  ["serious-incident-overdue", "a serious incident's report to the authority is overdue (EU AI Act Art. 73)"],
];
const OUTCOMES = ["NEAR_MISS", "UNDETERMINED", "TOP_EVENT", "FULL_FAILURE"];
const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"];

/** "a, b" typed by a person: the non-empty words. */
const words = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((w) => w.trim())
    .filter((w) => w.length > 0);

/** Matchers in words: "systems llm-1; kinds full-failure" or "everything". */
export function describeMatchers(m: AlertMatchers): string {
  const parts = [
    m.systemIds.length > 0 && `systems ${m.systemIds.join(", ")}`,
    m.outcomes.length > 0 && `outcomes ${m.outcomes.join(", ")}`,
    m.severities.length > 0 && `severities ${m.severities.join(", ")}`,
    m.kinds.length > 0 && `kinds ${m.kinds.join(", ")}`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join("; ") : "everything";
}

/** Checkboxes for a list of values, in a fieldset with its legend. */
function Choices({
  legend,
  values,
  chosen,
  onChange,
  describe,
}: {
  legend: string;
  values: string[];
  chosen: string[];
  onChange: (chosen: string[]) => void;
  describe?: (value: string) => string;
}) {
  return (
    <fieldset className="choices">
      <legend>{legend}</legend>
      {values.map((v) => (
        <label key={v}>
          <input
            type="checkbox"
            checked={chosen.includes(v)}
            onChange={(e) => onChange(e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))}
          />{" "}
          {describe ? describe(v) : v}
        </label>
      ))}
    </fieldset>
  );
}

/** The matchers part of both forms. */
function MatchersFields({
  value,
  onChange,
  systemsText,
  onSystemsText,
}: {
  value: AlertMatchers;
  onChange: (m: AlertMatchers) => void;
  systemsText: string;
  onSystemsText: (text: string) => void;
}) {
  return (
    <>
      <Field label="Systems (ids, separated by commas; empty: every system)">
        <input value={systemsText} onChange={(e) => onSystemsText(e.target.value)} />
      </Field>
      <Choices
        legend="Outcomes (none ticked: any)"
        values={OUTCOMES}
        chosen={value.outcomes}
        onChange={(outcomes) => onChange({ ...value, outcomes })}
      />
      <Choices
        legend="Severities (none ticked: any)"
        values={SEVERITIES}
        chosen={value.severities}
        onChange={(severities) => onChange({ ...value, severities })}
      />
      <Choices
        legend="Alert kinds (none ticked: any)"
        values={ALERT_KINDS.map(([k]) => k)}
        chosen={value.kinds}
        onChange={(kinds) => onChange({ ...value, kinds })}
        describe={(k) => `${k}: ${ALERT_KINDS.find(([kind]) => kind === k)?.[1] ?? ""}`}
      />
    </>
  );
}

/** An ISO-8601 duration as the server writes it ("PT4H", "PT1H30M", "PT720H") in short words: "4h", "1h 30m", "30d". */
export function describeInterval(iso: string | null | undefined): string {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(iso ?? "");
  if (!m) return iso ?? "";
  const hours = Number(m[1] ?? 0);
  const parts = [
    hours >= 24 && hours % 24 === 0 ? `${hours / 24}d` : hours > 0 ? `${hours}h` : "",
    m[2] ? `${Number(m[2])}m` : "",
    m[3] ? `${Number(m[3])}s` : "",
  ].filter((p) => p.length > 0);
  return parts.length > 0 ? parts.join(" ") : "0s";
}

/** What a route does while an alert fires and when it ends, in words. */
export function describeFollowUp(r: AlertRoute): string {
  const repeat = `repeats every ${describeInterval(r.repeatEvery)}${r.repeatInterval ? "" : " (default)"}`;
  return `${repeat}; ${r.sendResolved ? "sends resolved" : "no resolved notifications"}`;
}

const DELIVERY_KINDS: Record<string, string> = {
  FIRING: "new alerts",
  REPEAT: "repeat (still firing)",
  RESOLVED: "resolved",
};

const NO_MATCHERS: AlertMatchers = { systemIds: [], outcomes: [], severities: [], kinds: [] };

/**
 * Alert routing: the webhook routes (admins add and delete them), the silences (operators and admins add and expire
 * them) and the deliveries that failed every attempt (admins send them again). Operators and admins.
 */
export function AlertingView({ me }: { me: Me }) {
  const admin = me.roles.includes("ADMIN");
  const [routes, setRoutes] = useState<AlertRoute[] | null>(null);
  const [silences, setSilences] = useState<AlertSilence[] | null>(null);
  const [failed, setFailed] = useState<AlertDelivery[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [r, s, f] = await Promise.all([
        get<AlertRoute[]>("/api/alerting/routes"),
        get<AlertSilence[]>("/api/alerting/silences"),
        get<AlertDelivery[]>("/api/alerting/deliveries?status=failed"),
      ]);
      setRoutes(r);
      setSilences(s);
      setFailed(f);
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => {
    load();
  }, [load]);

  /** Runs one action, says what came of it, and reads everything again. Returns whether it worked. */
  const act = async (what: string, work: () => Promise<string>) => {
    setBusy(what);
    setError(null);
    setDone(null);
    let worked = false;
    try {
      setDone(await work());
      worked = true;
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(null);
      await load();
    }
    return worked;
  };

  return (
    <section aria-labelledby="alerting-title" className="alerting">
      <div className="view-head">
        <h1 id="alerting-title">Alerting</h1>
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
        Alerts go to webhook routes as signed JSON POSTs. Alerts of one route and one system that come within the group
        wait go in one POST, and the same alert is never queued twice for a route. An alert that still fires (its
        incident open, its action overdue) is sent again after the route&apos;s repeat interval, and when it ends the
        route gets a resolved notification unless it opted out. A silence keeps matching alerts from being sent while it
        lasts (the reports and incidents are recorded as ever). A full failure inhibits the top-event alert of the same
        incident.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && <p role="status">{done}</p>}
      {!routes && !error && <p className="loading">Loading alerting…</p>}

      <h2>Routes</h2>
      {routes && routes.length === 0 && <p className="empty">No routes: no alert is sent anywhere.</p>}
      {routes && routes.length > 0 && (
        <div className="table-scroll">
          <table className="list" aria-label="Webhook routes">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">URL</th>
                <th scope="col">Takes</th>
                <th scope="col">While firing, and after</th>
                <th scope="col">Changed</th>
                {admin && <th scope="col"></th>}
              </tr>
            </thead>
            <tbody>
              {routes.map((r) => (
                <tr key={r.id} data-route={r.name}>
                  <th scope="row">{r.name}</th>
                  <td>
                    <code>{r.url}</code>
                  </td>
                  <td>{describeMatchers(r.matchers)}</td>
                  <td>{describeFollowUp(r)}</td>
                  <td>
                    {dateTime(r.changedAt)} by {r.changedBy}
                  </td>
                  {admin && (
                    <td>
                      <button
                        type="button"
                        className="small"
                        disabled={busy !== null}
                        aria-label={`Delete route ${r.name}`}
                        onClick={() =>
                          act(`delete ${r.id}`, async () => {
                            await send("DELETE", `/api/alerting/routes/${encodeURIComponent(r.id)}`);
                            return `Deleted route ${r.name}: nothing more is sent to it.`;
                          })
                        }
                      >
                        Delete
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {admin && <RouteForm busy={busy !== null} act={act} />}

      <h2>Silences</h2>
      {silences && silences.length === 0 && <p className="empty">No silences.</p>}
      {silences && silences.length > 0 && (
        <div className="table-scroll">
          <table className="list" aria-label="Silences">
            <thead>
              <tr>
                <th scope="col">Silences</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col">Why</th>
                <th scope="col">By</th>
                <th scope="col">In force</th>
                <th scope="col"></th>
              </tr>
            </thead>
            <tbody>
              {silences.map((s) => (
                <tr key={s.id} data-silence={s.id}>
                  <td>{describeMatchers(s.matchers)}</td>
                  <td>{dateTime(s.startsAt)}</td>
                  <td>{dateTime(s.endsAt)}</td>
                  <td>{s.comment}</td>
                  <td>
                    {s.createdBy}
                    {s.expiredBy && ` (expired by ${s.expiredBy})`}
                  </td>
                  <td>{s.active ? "yes" : "no"}</td>
                  <td>
                    {new Date(s.endsAt).getTime() > Date.now() && (
                      <button
                        type="button"
                        className="small"
                        disabled={busy !== null}
                        aria-label={`Expire the silence of ${describeMatchers(s.matchers)}: ${s.comment}`}
                        onClick={() =>
                          act(`expire ${s.id}`, async () => {
                            await send("POST", `/api/alerting/silences/${encodeURIComponent(s.id)}/expire`);
                            return `Expired the silence "${s.comment}": matching alerts are sent again.`;
                          })
                        }
                      >
                        Expire
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <SilenceForm busy={busy !== null} act={act} />

      <h2>Failed deliveries</h2>
      {failed && failed.length === 0 && <p className="empty">No failed deliveries.</p>}
      {failed && failed.length > 0 && (
        <div className="table-scroll">
          <table className="list" aria-label="Failed deliveries">
            <thead>
              <tr>
                <th scope="col">Route</th>
                <th scope="col">System</th>
                <th scope="col">What</th>
                <th scope="col">Alerts</th>
                <th scope="col">Attempts</th>
                <th scope="col">Last answer</th>
                <th scope="col">Last tried</th>
                {admin && <th scope="col"></th>}
              </tr>
            </thead>
            <tbody>
              {failed.map((d) => (
                <tr key={d.id} data-delivery={d.id}>
                  <td>{d.routeName ?? `${d.routeId} (deleted)`}</td>
                  <td>{d.groupKey}</td>
                  <td>{DELIVERY_KINDS[d.kind ?? "FIRING"] ?? d.kind}</td>
                  <td>{d.alerts}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastError ?? "—"}</td>
                  <td>{dateTime(d.lastAttemptAt)}</td>
                  {admin && (
                    <td>
                      <button
                        type="button"
                        className="small"
                        disabled={busy !== null}
                        aria-label={`Retry the delivery to ${d.routeName ?? d.routeId} about ${d.groupKey}`}
                        onClick={() =>
                          act(`retry ${d.id}`, async () => {
                            await send("POST", `/api/alerting/deliveries/${encodeURIComponent(d.id)}/retry`);
                            return `Queued the delivery about ${d.groupKey} again: it is sent from its first attempt.`;
                          })
                        }
                      >
                        Retry
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

type Act = (what: string, work: () => Promise<string>) => Promise<boolean>;

function RouteForm({ busy, act }: { busy: boolean; act: Act }) {
  const [name, setName] = useState("");
  const [url, setUrl] = useState("");
  const [secret, setSecret] = useState("");
  const [systems, setSystems] = useState("");
  const [matchers, setMatchers] = useState<AlertMatchers>(NO_MATCHERS);
  const [repeat, setRepeat] = useState("");
  const [sendResolved, setSendResolved] = useState(true);
  return (
    <form
      className="alerting-form"
      aria-labelledby="route-form-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const worked = await act("add route", async () => {
          await send("POST", "/api/alerting/routes", {
            name,
            url,
            secret,
            matchers: { ...matchers, systemIds: words(systems) },
            sendResolved,
            repeatInterval: repeat.trim() === "" ? undefined : repeat.trim(),
          });
          return `Added route ${name}.`;
        });
        if (worked) {
          setName("");
          setUrl("");
          setSecret("");
          setSystems("");
          setMatchers(NO_MATCHERS);
          setRepeat("");
          setSendResolved(true);
        }
      }}
    >
      <h3 id="route-form-title">Add a route</h3>
      <Field label="Name">
        <input value={name} onChange={(e) => setName(e.target.value)} required />
      </Field>
      <Field label="Webhook URL (http or https)">
        <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} required />
      </Field>
      <Field label="Secret (16 to 200 characters; signs every POST)">
        <input
          type="password"
          autoComplete="new-password"
          value={secret}
          minLength={16}
          maxLength={200}
          onChange={(e) => setSecret(e.target.value)}
          required
        />
      </Field>
      <MatchersFields value={matchers} onChange={setMatchers} systemsText={systems} onSystemsText={setSystems} />
      <Field label="Send again while it fires, every (e.g. 30m, 4h, 1d; empty: the default)">
        <input
          value={repeat}
          pattern={REPEAT_PATTERN}
          title="a whole number of seconds, minutes, hours or days (30s, 15m, 4h, 1d) or an ISO-8601 duration (PT4H); 1 s to 30 days"
          onChange={(e) => setRepeat(e.target.value)}
        />
      </Field>
      <label>
        <input type="checkbox" checked={sendResolved} onChange={(e) => setSendResolved(e.target.checked)} /> Send a
        resolved notification when an alert ends
      </label>
      <button type="submit" disabled={busy}>
        Add route
      </button>
    </form>
  );
}

/** A datetime-local value an hour from now, in local time. */
function inAnHour(): string {
  const at = new Date(Date.now() + 3_600_000);
  at.setSeconds(0, 0);
  return new Date(at.getTime() - at.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
}

function SilenceForm({ busy, act }: { busy: boolean; act: Act }) {
  const [systems, setSystems] = useState("");
  const [matchers, setMatchers] = useState<AlertMatchers>(NO_MATCHERS);
  const [endsAt, setEndsAt] = useState(inAnHour);
  const [comment, setComment] = useState("");
  return (
    <form
      className="alerting-form"
      aria-labelledby="silence-form-title"
      onSubmit={async (e) => {
        e.preventDefault();
        const worked = await act("add silence", async () => {
          await send("POST", "/api/alerting/silences", {
            matchers: { ...matchers, systemIds: words(systems) },
            endsAt: new Date(endsAt).toISOString(),
            comment,
          });
          return `Added a silence until ${dateTime(new Date(endsAt).toISOString())}: ${comment}.`;
        });
        if (worked) {
          setSystems("");
          setMatchers(NO_MATCHERS);
          setComment("");
        }
      }}
    >
      <h3 id="silence-form-title">Add a silence (from now)</h3>
      <MatchersFields value={matchers} onChange={setMatchers} systemsText={systems} onSystemsText={setSystems} />
      <Field label="Until">
        <input type="datetime-local" value={endsAt} onChange={(e) => setEndsAt(e.target.value)} required />
      </Field>
      <Field label="Why (e.g. a maintenance window)">
        <input value={comment} onChange={(e) => setComment(e.target.value)} required />
      </Field>
      <button type="submit" disabled={busy}>
        Add silence
      </button>
    </form>
  );
}
