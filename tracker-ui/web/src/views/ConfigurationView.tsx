import { useEffect, useState } from "react";
import { eventually, get, send } from "../api";
import type { Me } from "../App";
import { BowTieDiagram } from "../components/BowTieDiagram";
import type { Barrier, BowTie, RiskProfile, SystemView } from "../types";

const KINDS = ["IMAGE_CLASSIFIER", "LANGUAGE_MODEL", "GENERALIST_AGENT", "RL_AGENT", "OTHER"];
const RATINGS = ["NONE", "LOW", "MEDIUM", "HIGH"];
const words = (s: string) => s.replaceAll("_", " ").toLowerCase();

interface Category { category: string; side: string; failureModes: string }

export function ConfigurationView({ me }: { me: Me }) {
  const [systems, setSystems] = useState<SystemView[] | null>(null);
  const [selected, setSelected] = useState<string>("");
  const [categories, setCategories] = useState<Category[]>([]);
  const [error, setError] = useState<string | null>(null);
  const admin = me.roles.includes("ADMIN");
  const operator = admin || me.roles.includes("OPERATOR");

  const systemsNow = () => get<{ items: SystemView[] }>("/api/systems").then((s) => s.items);
  const reload = (until: (s: SystemView[]) => boolean = () => true) =>
    eventually(systemsNow, until).then(setSystems).catch((e) => setError(e.message));
  useEffect(() => {
    reload();
    get<{ categories: Category[] }>("/api/templates").then((t) => setCategories(t.categories)).catch(() => {});
  }, []);

  const system = systems?.find((s) => s.id === selected);
  return (
    <section aria-labelledby="config-title">
      <h1 id="config-title">Configuration</h1>
      {error && <p className="error" role="alert">{error}</p>}
      {admin && <RegisterForm onRegistered={(id) => {
        reload((all) => all.some((s) => s.id === id)).then(() => setSelected(id));
      }} />}
      <h2>Systems</h2>
      {!systems && <p className="loading">Loading systems…</p>}
      {systems && systems.length === 0 && <p className="empty">No systems yet.</p>}
      {systems && systems.length > 0 && (
        <label>System<select value={selected} onChange={(e) => setSelected(e.target.value)}>
          <option value="">choose</option>
          {systems.map((s) => <option key={s.id} value={s.id}>{s.name} ({s.id})</option>)}
        </select></label>
      )}
      {system && (
        <div className="system-config" key={system.id}>
          <p className="meta">{words(system.kind)} · {words(system.lifecycle)} · class <strong data-risk-class>{system.riskClass}</strong></p>
          {operator && <Lifecycle system={system} onChanged={() => reload((all) =>
            all.some((s) => s.id === system.id && s.lifecycle !== system.lifecycle))} />}
          {admin ? <RiskProfileForm system={system} onChanged={(p) => reload((all) =>
            all.some((s) => s.id === system.id && JSON.stringify(s.riskProfile) === JSON.stringify(p)))} /> :
            <p className="hint">Only admins change risk profiles and bow-ties.</p>}
          <BowTieDiagram bowTie={system.bowtie} states={Object.fromEntries(system.degradedBarriers.map((b) => [b, "DEGRADED"]))} />
          {admin && <BowTieEditor system={system} categories={categories} onSaved={(b) => reload((all) =>
            all.some((s) => s.id === system.id && JSON.stringify(s.bowtie.lines.map((l) => l.barriers.map((x) => x.id)))
              === JSON.stringify(b.lines.map((l) => l.barriers.map((x) => x.id)))))} />}
        </div>
      )}
      {operator && <DeadLetters canRedrive={admin} />}
    </section>
  );
}

interface DeadLetter {
  id: string; key?: string; value?: string; reason?: string; kind?: string; deadAt: string; redrivenAt?: string;
}

/** Rejected input with its reason; an admin sends it again once the cause is fixed. */
function DeadLetters({ canRedrive }: { canRedrive: boolean }) {
  const [letters, setLetters] = useState<{ items: DeadLetter[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState<string | null>(null);
  const load = () => get<{ items: DeadLetter[]; total: number }>("/api/dead-letters?size=50").then(setLetters)
    .catch((e) => setError(e.message));
  useEffect(() => { load(); }, []);
  return (
    <section aria-labelledby="dead-letters-title">
      <h2 id="dead-letters-title">Dead letters</h2>
      <p className="hint">Reports that could not be parsed, validated or applied. Fix the cause (for example register the
        system), then send them again.</p>
      {error && <p className="error" role="alert">{error}</p>}
      {!letters && !error && <p className="loading">Loading dead letters…</p>}
      {letters && letters.items.length === 0 && <p className="empty">No dead letters.</p>}
      {letters && letters.items.length > 0 && (
        <table className="list">
          <thead><tr><th>When</th><th>System (key)</th><th>Why</th><th>Reason</th><th></th></tr></thead>
          <tbody>
            {letters.items.map((l) => (
              <tr key={l.id} data-dead-letter={l.id}>
                <td>{new Date(l.deadAt).toLocaleString()}</td>
                <td>{l.key ?? "—"}</td>
                <td>{l.kind ? words(l.kind) : "—"}</td>
                <td title={l.value ?? ""}>{l.reason}</td>
                <td>{l.redrivenAt ? <span>sent again {new Date(l.redrivenAt).toLocaleTimeString()}</span> : canRedrive && (
                  <button type="button" onClick={async () => {
                    try {
                      await send("POST", `/api/dead-letters/${encodeURIComponent(l.id)}/redrive`);
                      setSent(l.id);
                      load();
                    } catch (e) {
                      setError((e as Error).message);
                    }
                  }}>Send again</button>)}</td>
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
  const [form, setForm] = useState({ id: "", name: "", template: "LANGUAGE_MODEL", owner: "", correlationWindow: "PT15M" });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <form className="register" onSubmit={async (e) => {
      e.preventDefault();
      setError(null);
      try {
        await send("POST", "/api/systems", { ...form, kind: form.template });
        setDone(form.id);
        onRegistered(form.id);
      } catch (err) {
        setError((err as Error).message);
      }
    }}>
      <h2>Register a system from a template</h2>
      <label>Id<input required pattern="[a-z0-9][a-z0-9_\-]{0,63}" value={form.id} onChange={set("id")}
                      title="lowercase letters, digits, - or _" /></label>
      <label>Name<input value={form.name} onChange={set("name")} /></label>
      <label>Template<select value={form.template} onChange={set("template")}>
        {KINDS.map((k) => <option key={k} value={k}>{words(k)}</option>)}
      </select></label>
      <label>Owner<input value={form.owner} onChange={set("owner")} /></label>
      <label>Correlation window<input value={form.correlationWindow} onChange={set("correlationWindow")} title="ISO-8601, e.g. PT15M" /></label>
      <button type="submit">Register</button>
      {error && <p className="error" role="alert">{error}</p>}
      {done && !error && <p role="status">Registered {done}.</p>}
    </form>
  );
}

function Lifecycle({ system, onChanged }: { system: SystemView; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const act = async (action: string) => {
    setError(null);
    try {
      await send("POST", `/api/systems/${system.id}/${action}`);
      onChanged();
    } catch (err) {
      setError((err as Error).message);
    }
  };
  return (
    <div className="actions" role="group" aria-label="Lifecycle">
      {["deploy", "suspend", "resume", "shutdown", "decommission"].map((a) =>
        <button key={a} type="button" onClick={() => act(a)}>{a}</button>)}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

function RiskProfileForm({ system, onChanged }: { system: SystemView; onChanged: (p: RiskProfile) => void }) {
  const [profile, setProfile] = useState<RiskProfile>(system.riskProfile);
  const [error, setError] = useState<string | null>(null);
  return (
    <form className="profile" onSubmit={async (e) => {
      e.preventDefault();
      try {
        await send("PUT", `/api/systems/${system.id}/risk-profile`, profile);
        onChanged(profile);
      } catch (err) {
        setError((err as Error).message);
      }
    }}>
      {(["misalignment", "optimization", "influence"] as const).map((k) => (
        <label key={k}>{k}<select value={profile[k]} onChange={(e) => setProfile({ ...profile, [k]: e.target.value })}>
          {RATINGS.map((r) => <option key={r} value={r}>{r.toLowerCase()}</option>)}
        </select></label>
      ))}
      <button type="submit">Save risk profile</button>
      {error && <p className="error" role="alert">{error}</p>}
    </form>
  );
}

function BowTieEditor({ system, categories, onSaved }: {
  system: SystemView; categories: Category[]; onSaved: (b: BowTie) => void;
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
          <legend>{line.side === "THREAT" ? "Threat" : "Consequence"} line: {line.name}</legend>
          <ol>
            {line.barriers.map((b, bi) => (
              <li key={b.id}>
                <span>{b.name} <span className="meta">({words(b.category)})</span></span>
                <button type="button" aria-label={`Move ${b.name} up`} disabled={bi === 0}
                        onClick={() => { const a = [...line.barriers]; [a[bi - 1], a[bi]] = [a[bi], a[bi - 1]]; change(li, a); }}>↑</button>
                <button type="button" aria-label={`Move ${b.name} down`} disabled={bi === line.barriers.length - 1}
                        onClick={() => { const a = [...line.barriers]; [a[bi + 1], a[bi]] = [a[bi], a[bi + 1]]; change(li, a); }}>↓</button>
                <button type="button" aria-label={`Remove ${b.name}`}
                        onClick={() => change(li, line.barriers.filter((x) => x.id !== b.id))}>Remove</button>
              </li>
            ))}
          </ol>
          <AddBarrier side={line.side} categories={categories}
                      onAdd={(b) => change(li, [...line.barriers, b])} />
        </fieldset>
      ))}
      <button type="button" onClick={async () => {
        setError(null);
        try {
          await send("PUT", `/api/systems/${system.id}/bowtie`, bowTie);
          setSaved(true);
          onSaved(bowTie);
        } catch (err) {
          setError((err as Error).message);
        }
      }}>Save bow-tie</button>
      {saved && <span role="status"> Saved.</span>}
      {error && <p className="error" role="alert">{error}</p>}
    </div>
  );
}

function AddBarrier({ side, categories, onAdd }: { side: string; categories: Category[]; onAdd: (b: Barrier) => void }) {
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
        {fitting.map((c) => <option key={c.category} value={c.category} title={c.failureModes}>{words(c.category)}</option>)}
      </select>
      <button type="button" disabled={!id || !category} onClick={() => {
        onAdd({ id, name: name || id, category });
        setId(""); setName(""); setCategory("");
      }}>Add barrier</button>
    </div>
  );
}
