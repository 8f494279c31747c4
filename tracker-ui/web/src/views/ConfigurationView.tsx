import { ExpectedEveryField } from "../components/ExpectedEveryField";
import { useEffect, useRef, useState } from "react";
import { eventually, get, send, templates } from "../api";
import { useRefresh } from "../refresh";
import { BowTieDiagram } from "../components/BowTieDiagram";
import { Field } from "../components/Field";
import { HighRiskDesignation } from "../components/HighRiskDesignation";
import { MarkLegend } from "../components/Marks";
import { CLASS_MEANING, words } from "../format";
import { MARK_LOOK, restingMark } from "../marks";
import {
  KINDS,
  RATINGS,
  type Barrier,
  type BowTie,
  type CategoryInfo,
  type DeadLetterPage,
  type LifecycleAction,
  type Mark,
  type Me,
  type Rating,
  type RiskProfile,
  type SystemList,
  type SystemView,
} from "../types";

const INGREDIENTS = ["misalignment", "optimization", "influence"] as const;
/** How often the page reads the systems again while it is open. */
const SYSTEMS_REFRESH_MS = 3000;
const has = (me: Me, ...roles: string[]) => roles.some((r) => me.roles.includes(r));

export function ConfigurationView({ me }: { me: Me }) {
  const [systems, setSystems] = useState<SystemView[] | null>(null);
  const [selected, setSelected] = useState<string>("");
  const [categories, setCategories] = useState<CategoryInfo[]>([]);
  const [detection, setDetection] = useState<string[]>([]);
  const [error, setError] = useState<string | null>(null);
  const admin = has(me, "ADMIN");
  const operator = has(me, "OPERATOR", "ADMIN");
  const acknowledger = has(me, "OPERATOR", "MANAGER", "ADMIN");

  // every reload counts one up: a background read begun before it is older than what the reload shows
  const reloads = useRef(0);
  const systemsNow = () => get<SystemList>("/api/systems").then((s) => s.items);
  const reload = (until: (s: SystemView[]) => boolean = () => true): Promise<SystemView[] | null> => {
    reloads.current += 1;
    return eventually(systemsNow, until)
      .then((all) => {
        setSystems(all);
        return all;
      })
      .catch((e) => {
        setError(e.message);
        return null;
      });
  };

  // barrier states, lifecycles and class changes also move with production reports, not only with this page
  useRefresh(reloads, systemsNow, setSystems, SYSTEMS_REFRESH_MS, []);

  useEffect(() => {
    reload();
    templates()
      .then((t) => {
        setCategories(t.categories);
        setDetection(t.detectionCategories);
      })
      .catch(() => {});
  }, []); // eslint-disable-line react-hooks/exhaustive-deps

  const system = systems?.find((s) => s.id === selected);
  const marks: Record<string, Mark> = {};
  system?.bowtie.lines.forEach((l) =>
    l.barriers.forEach((b) => {
      marks[b.id] = restingMark(b, system.barrierStates[b.id], detection);
    }),
  );
  return (
    <section aria-labelledby="config-title">
      <h1 id="config-title">Configuration</h1>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {admin && (
        <RegisterForm
          onRegistered={(id) => {
            reload((all) => all.some((s) => s.id === id)).then(() => setSelected(id));
          }}
        />
      )}
      <h2>Systems</h2>
      {!systems && <p className="loading">Loading systems…</p>}
      {systems && systems.length === 0 && <p className="empty">No systems yet.</p>}
      {systems && systems.length > 0 && (
        <label>
          System
          <select value={selected} onChange={(e) => setSelected(e.target.value)}>
            <option value="">choose</option>
            {systems.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.id})
              </option>
            ))}
          </select>
        </label>
      )}
      {system && (
        <div className="system-config" key={system.id}>
          <p className="meta">
            {words(system.kind)} · {words(system.lifecycle)} · class <strong data-risk-class>{system.riskClass}</strong>{" "}
            ({CLASS_MEANING[system.riskClass] ?? ""}) ·{" "}
            <a href={`#card/${encodeURIComponent(system.id)}`}>Safety card</a>
          </p>
          {system.classChange && (
            <div className="banner" role="alert" data-class-change={system.classChange}>
              ⚠ Class changed: {system.classChange}. The board alerts until someone acknowledges it.{" "}
              {acknowledger && (
                <AcknowledgeButton
                  systemId={system.id}
                  onDone={() => reload((all) => !all.find((s) => s.id === system.id)?.classChange)}
                />
              )}
            </div>
          )}
          {system.activityAfterShutdown && (
            <p className="banner" role="alert">
              ⚠ Activity after shutdown: the off switch did not hold.
            </p>
          )}
          {system.activityWhileSuspended && (
            <p className="banner" role="alert">
              ⚠ Activity while suspended.
            </p>
          )}
          <CoverageWarnings system={system} />
          {operator && (
            <Lifecycle
              system={system}
              onChanged={() => reload((all) => all.some((s) => s.id === system.id && s.lifecycle !== system.lifecycle))}
            />
          )}
          <BarrierStates
            system={system}
            canRestore={operator}
            onRestored={(barrierId) =>
              reload((all) => all.some((s) => s.id === system.id && !s.barrierStates[barrierId]))
            }
          />
          <BowTieDiagram bowTie={system.bowtie} marks={marks} />
          <details className="legend-box">
            <summary>What the marks mean</summary>
            <MarkLegend marks={["STANDING", "WATCHING", "DEGRADED", "IMPAIRED"]} />
          </details>
          <RiskProfileView system={system} />
          <HighRiskDesignation
            system={system}
            canDesignate={admin}
            onChanged={(d) =>
              // the fleet may not carry the designation yet: then there is nothing to wait for
              reload((all) =>
                all.some((s) => s.id === system.id && (s.highRisk === undefined || s.highRisk === d.highRisk)),
              )
            }
          />
          {admin ? (
            <RiskProfileForm
              system={system}
              onChanged={(p) => {
                // a new class comes with its class change to acknowledge
                reload((all) =>
                  all.some(
                    (s) =>
                      s.id === system.id &&
                      sameProfile(s.riskProfile, p) &&
                      (s.riskClass === system.riskClass || s.classChange !== undefined),
                  ),
                );
              }}
            />
          ) : (
            <p className="hint">Only admins change risk profiles and bow-ties.</p>
          )}
          {admin && (
            <BowTieEditor
              system={system}
              categories={categories}
              onSaved={(b) =>
                reload((all) =>
                  all.some(
                    (s) =>
                      s.id === system.id &&
                      JSON.stringify(s.bowtie.lines.map((l) => l.barriers.map((x) => x.id))) ===
                        JSON.stringify(b.lines.map((l) => l.barriers.map((x) => x.id))),
                  ),
                )
              }
            />
          )}
        </div>
      )}
      {operator && <DeadLetters canRedrive={admin} />}
    </section>
  );
}

function sameProfile(a: RiskProfile, b: RiskProfile): boolean {
  return INGREDIENTS.every((k) => a[k] === b[k] && (a.rationale?.[k] ?? "") === (b.rationale?.[k] ?? ""));
}

function AcknowledgeButton({ systemId, onDone }: { systemId: string; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        className="small"
        disabled={busy}
        onClick={async () => {
          setBusy(true);
          setError(null);
          try {
            await send("POST", `/api/systems/${encodeURIComponent(systemId)}/class-change/acknowledge`);
            onDone();
          } catch (e) {
            setError((e as Error).message);
          } finally {
            setBusy(false);
          }
        }}
      >
        {busy ? "Acknowledging…" : "Acknowledge"}
      </button>
      {error && (
        <span className="error" role="alert">
          {" "}
          {error}
        </span>
      )}
    </>
  );
}

function CoverageWarnings({ system }: { system: SystemView }) {
  if (system.coverageWarnings.length === 0) {
    return (
      <p className="hint" data-coverage="ok">
        ✓ The bow-tie covers what a {system.riskClass} system relies on.
      </p>
    );
  }
  return (
    <div className="warnings-box" aria-labelledby="coverage-title">
      <h3 id="coverage-title">Coverage warnings</h3>
      <ul className="warnings">
        {system.coverageWarnings.map((w) => (
          <li key={w.code} data-warning={w.code}>
            <span aria-hidden="true">⚠ </span>
            {w.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Barriers not in service (degraded or impaired), with a restore for operators. */
function BarrierStates({
  system,
  canRestore,
  onRestored,
}: {
  system: SystemView;
  canRestore: boolean;
  onRestored: (barrierId: string) => void;
}) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [restored, setRestored] = useState<string | null>(null);
  const barriers = system.bowtie.lines.flatMap((l) => l.barriers);
  const out = Object.entries(system.barrierStates).filter(([, state]) => state !== "IN_SERVICE");
  const name = (id: string) => barriers.find((b) => b.id === id)?.name ?? id;
  return (
    <div className="barrier-states" aria-labelledby="states-title">
      <h3 id="states-title">Barriers out of service</h3>
      {out.length === 0 && (
        <p className="hint" data-states="all-in-service">
          Every barrier is in service.
        </p>
      )}
      {out.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th>Barrier</th>
              <th>State</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {out.map(([id, state]) => {
              const look = MARK_LOOK[state === "DEGRADED" ? "DEGRADED" : "IMPAIRED"];
              return (
                <tr key={id} data-barrier-state={id}>
                  <td>
                    {name(id)} <code className="meta">{id}</code>
                  </td>
                  <td>
                    <span className={`chip ${look.css}`} aria-hidden="true">
                      {look.glyph}
                    </span>{" "}
                    {look.label}
                  </td>
                  <td>
                    {canRestore && (
                      <button
                        type="button"
                        className="small"
                        disabled={busy === id}
                        aria-label={`Restore ${name(id)}`}
                        onClick={async () => {
                          setBusy(id);
                          setError(null);
                          try {
                            await send(
                              "POST",
                              `/api/systems/${encodeURIComponent(system.id)}/barriers/${encodeURIComponent(id)}/restore`,
                              { reason: "restored by an operator from the web app" },
                            );
                            setRestored(name(id));
                            onRestored(id);
                          } catch (e) {
                            setError((e as Error).message);
                          } finally {
                            setBusy(null);
                          }
                        }}
                      >
                        Restore
                      </button>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {restored && <p role="status">Restored {restored}.</p>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function RiskProfileView({ system }: { system: SystemView }) {
  return (
    <>
      <h3 id="profile-view-title">Risk profile</h3>
      <table className="list profile-table" aria-labelledby="profile-view-title">
        <thead>
          <tr>
            <th scope="col">Ingredient</th>
            <th scope="col">Rating</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {INGREDIENTS.map((k) => (
            <tr key={k}>
              <th scope="row">{k}</th>
              <td>{words(system.riskProfile[k])}</td>
              <td>{system.riskProfile.rationale?.[k] ?? <span className="meta">no rationale given</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** Rejected input with its reason; an admin sends it again once the cause is fixed. */
function DeadLetters({ canRedrive }: { canRedrive: boolean }) {
  const [letters, setLetters] = useState<DeadLetterPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const load = () =>
    get<DeadLetterPage>("/api/dead-letters?size=50")
      .then(setLetters)
      .catch((e) => setError(e.message));
  useEffect(() => {
    load();
  }, []);
  return (
    <section aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title">Dead letters</h2>
      <p className="hint">
        Reports that could not be parsed, validated or applied. Fix the cause (for example register the system), then
        send them again.
      </p>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {!letters && !error && <p className="loading">Loading dead letters…</p>}
      {letters && letters.items.length === 0 && <p className="empty">No dead letters.</p>}
      {letters && letters.items.length > 0 && (
        <table className="list">
          <thead>
            <tr>
              <th>When</th>
              <th>System (key)</th>
              <th>Why</th>
              <th>Reason</th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            {letters.items.map((l) => (
              <tr key={l.id} data-dead-letter={l.id}>
                <td>{new Date(l.deadAt).toLocaleString()}</td>
                <td>{l.key ?? "—"}</td>
                <td>{l.kind ? words(l.kind) : "—"}</td>
                <td title={l.value ?? ""}>{l.reason}</td>
                <td>
                  {l.redrivenAt ? (
                    <span>sent again {new Date(l.redrivenAt).toLocaleTimeString()}</span>
                  ) : (
                    canRedrive && (
                      <button
                        type="button"
                        onClick={async () => {
                          try {
                            await send("POST", `/api/dead-letters/${encodeURIComponent(l.id)}/redrive`);
                            setSent(l.id);
                            load();
                          } catch (e) {
                            setError((e as Error).message);
                          }
                        }}
                      >
                        Send again
                      </button>
                    )
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sent && <p role="status">Sent {sent} to the ingest topic again.</p>}
    </section>
  );
}

function RegisterForm({ onRegistered }: { onRegistered: (id: string) => void }) {
  const [form, setForm] = useState({
    id: "",
    name: "",
    template: "LANGUAGE_MODEL",
    owner: "",
    correlationWindow: "PT15M",
  });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form
      className="register"
      aria-labelledby="register-heading"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        try {
          await send("POST", "/api/systems", { ...form, kind: form.template });
          setDone(form.id);
          onRegistered(form.id);
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <h2 id="register-heading">Register a system from a template</h2>
      <label>
        Id
        <input
          required
          pattern="[a-z0-9][a-z0-9_\-]{0,63}"
          value={form.id}
          onChange={set("id")}
          title="lowercase letters, digits, - or _"
        />
      </label>
      <label>
        Name
        <input value={form.name} onChange={set("name")} />
      </label>
      <label>
        Template
        <select value={form.template} onChange={set("template")}>
          {KINDS.map((k) => (
            <option key={k} value={k}>
              {words(k)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Owner
        <input value={form.owner} onChange={set("owner")} />
      </label>
      <label>
        Correlation window
        <input value={form.correlationWindow} onChange={set("correlationWindow")} title="ISO-8601, e.g. PT15M" />
      </label>
      <button type="submit">Register</button>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {done && !error && <p role="status">Registered {done}.</p>}
    </form>
  );
}

const ACTION_WORDS: Record<LifecycleAction, string> = {
  deploy: "Deploy",
  suspend: "Suspend",
  resume: "Resume",
  shutdown: "Shut down",
  decommission: "Decommission",
};

/** The lifecycle actions the system would accept now (the server says which), one button each. */
function Lifecycle({ system, onChanged }: { system: SystemView; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: LifecycleAction) => {
    setError(null);
    setBusy(true);
    try {
      await send("POST", `/api/systems/${encodeURIComponent(system.id)}/${action}`);
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  };
  const actions = system.allowedActions ?? [];
  return (
    <div className="actions" role="group" aria-label="Lifecycle">
      {actions.map((a) => (
        <button key={a} type="button" disabled={busy} data-action={a} onClick={() => act(a)}>
          {ACTION_WORDS[a] ?? a}
        </button>
      ))}
      {actions.length === 0 && (
        <p className="hint">No lifecycle action: a {words(system.lifecycle)} system stays so.</p>
      )}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function RiskProfileForm({ system, onChanged }: { system: SystemView; onChanged: (p: RiskProfile) => void }) {
  const [profile, setProfile] = useState<RiskProfile>({
    ...system.riskProfile,
    rationale: { ...(system.riskProfile.rationale ?? {}) },
  });
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  return (
    <form
      className="profile"
      aria-labelledby="profile-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        setSaved(false);
        const rationale = Object.fromEntries(INGREDIENTS.map((k) => [k, profile.rationale?.[k]?.trim() || undefined]));
        const body: RiskProfile = { ...profile, rationale };
        try {
          await send("PUT", `/api/systems/${encodeURIComponent(system.id)}/risk-profile`, body);
          setSaved(true);
          onChanged(body);
        } catch (err) {
          setError((err as Error).message);
        }
      }}
    >
      <h3 id="profile-title">Edit the risk profile</h3>
      <div className="rating-grid">
        {INGREDIENTS.map((k) => (
          <div key={k} className="rating-row">
            <Field label={k}>
              <select
                value={profile[k]}
                onChange={(e) => {
                  setSaved(false);
                  setProfile({ ...profile, [k]: e.target.value as Rating });
                }}
              >
                {RATINGS.map((r) => (
                  <option key={r} value={r}>
                    {r.toLowerCase()}
                  </option>
                ))}
              </select>
            </Field>
            <Field label={`Why ${k} is rated so`} className="grow">
              <textarea
                value={profile.rationale?.[k] ?? ""}
                onChange={(e) => {
                  setSaved(false);
                  setProfile({ ...profile, rationale: { ...profile.rationale, [k]: e.target.value } });
                }}
              />
            </Field>
          </div>
        ))}
      </div>
      <p className="meta">
        The class follows from the ratings; a change of class alerts on the board until acknowledged.
      </p>
      <button type="submit">Save risk profile</button>
      {saved && <span role="status"> Saved.</span>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

function BowTieEditor({
  system,
  categories,
  onSaved,
}: {
  system: SystemView;
  categories: CategoryInfo[];
  onSaved: (b: BowTie) => void;
}) {
  const [bowTie, setBowTie] = useState<BowTie>(system.bowtie);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const change = (lineIndex: number, barriers: Barrier[]) => {
    setSaved(false);
    setBowTie({ ...bowTie, lines: bowTie.lines.map((l, i) => (i === lineIndex ? { ...l, barriers } : l)) });
  };
  return (
    <div className="editor">
      <h2>Edit the bow-tie</h2>
      {bowTie.lines.map((line, li) => (
        <fieldset key={line.id}>
          <legend>
            {line.side === "THREAT" ? "Threat" : "Consequence"} line: {line.name}
          </legend>
          <ol>
            {line.barriers.map((b, bi) => (
              <li key={b.id}>
                <span>
                  {b.name} <span className="meta">({words(b.category)})</span>
                </span>
                <ExpectedEveryField
                  barrierName={b.name}
                  value={b.expectedEvery}
                  onChange={(every) =>
                    change(
                      li,
                      line.barriers.map((x) => (x.id === b.id ? { ...x, expectedEvery: every } : x)),
                    )
                  }
                />
                <button
                  type="button"
                  aria-label={`Move ${b.name} up`}
                  disabled={bi === 0}
                  onClick={() => {
                    const a = [...line.barriers];
                    [a[bi - 1], a[bi]] = [a[bi], a[bi - 1]];
                    change(li, a);
                  }}
                >
                  ↑
                </button>
                <button
                  type="button"
                  aria-label={`Move ${b.name} down`}
                  disabled={bi === line.barriers.length - 1}
                  onClick={() => {
                    const a = [...line.barriers];
                    [a[bi + 1], a[bi]] = [a[bi], a[bi + 1]];
                    change(li, a);
                  }}
                >
                  ↓
                </button>
                <button
                  type="button"
                  aria-label={`Remove ${b.name}`}
                  onClick={() =>
                    change(
                      li,
                      line.barriers.filter((x) => x.id !== b.id),
                    )
                  }
                >
                  Remove
                </button>
              </li>
            ))}
          </ol>
          <AddBarrier side={line.side} categories={categories} onAdd={(b) => change(li, [...line.barriers, b])} />
        </fieldset>
      ))}
      <button
        type="button"
        onClick={async () => {
          setError(null);
          try {
            await send("PUT", `/api/systems/${system.id}/bowtie`, bowTie);
            setSaved(true);
            onSaved(bowTie);
          } catch (err) {
            setError((err as Error).message);
          }
        }}
      >
        Save bow-tie
      </button>
      {saved && <span role="status"> Saved.</span>}
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function AddBarrier({
  side,
  categories,
  onAdd,
}: {
  side: string;
  categories: CategoryInfo[];
  onAdd: (b: Barrier) => void;
}) {
  const fitting = categories.filter((c) => c.side === side || c.side === "EITHER");
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const [category, setCategory] = useState("");
  return (
    <div className="add-barrier">
      <input aria-label="New barrier id" placeholder="id" value={id} onChange={(e) => setId(e.target.value)} />
      <input aria-label="New barrier name" placeholder="name" value={name} onChange={(e) => setName(e.target.value)} />
      <select aria-label="New barrier category" value={category} onChange={(e) => setCategory(e.target.value)}>
        <option value="">category</option>
        {fitting.map((c) => (
          <option key={c.category} value={c.category} title={c.failureModes}>
            {words(c.category)}
          </option>
        ))}
      </select>
      <button
        type="button"
        disabled={!id || !category}
        onClick={() => {
          onAdd({ id, name: name || id, category });
          setId("");
          setName("");
          setCategory("");
        }}
      >
        Add barrier
      </button>
    </div>
  );
}
