import { useEffect, useState } from "react";
import { get, send, templates } from "../api";
import { words } from "../format";
import type { CategoryInfo, SystemList, SystemView, WhatIfAnswer, WhatIfRequest } from "../types";
import { Field } from "./Field";
import { WhatIfAnswerTable } from "./WhatIfAnswerTable";

type Question = "hold" | "remove" | "add";

/** Past incidents of one system re-judged: a barrier held, barriers removed, or a new one added with a PFD. */
export function WhatIfForm() {
  const [systems, setSystems] = useState<SystemView[]>([]);
  const [categories, setCategories] = useState<CategoryInfo[]>([]);
  const [detection, setDetection] = useState<string[]>([]);
  const [systemId, setSystemId] = useState("");
  const [question, setQuestion] = useState<Question>("hold");
  const [hold, setHold] = useState("");
  const [remove, setRemove] = useState<string[]>([]);
  const [add, setAdd] = useState({
    lineId: "",
    position: "0",
    id: "",
    name: "",
    category: "",
    pfdSource: "claimed",
    pfd: "0.01",
    pfdFrom: "",
  });
  const [answer, setAnswer] = useState<WhatIfAnswer | null>(null);
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    get<SystemList>("/api/systems")
      .then((s) => setSystems(s.items))
      .catch(() => {});
    templates()
      .then((t) => {
        setCategories(t.categories);
        setDetection(t.detectionCategories);
      })
      .catch(() => {});
  }, []);
  const system = systems.find((s) => s.id === systemId);
  const barriers = system?.bowtie.lines.flatMap((l) => l.barriers) ?? [];
  const line = system?.bowtie.lines.find((l) => l.id === add.lineId);
  const fitting = categories.filter((c) => !line || c.side === line.side || c.side === "EITHER");
  const set = (k: keyof typeof add) => (e: { target: { value: string } }) => setAdd({ ...add, [k]: e.target.value });

  const request = (): WhatIfRequest => {
    if (question === "hold") return { hold };
    if (question === "remove") return { remove };
    return {
      add: {
        lineId: add.lineId,
        position: Number(add.position),
        barrier: { id: add.id, name: add.name || add.id, category: add.category },
        ...(add.pfdSource === "claimed" ? { pfd: Number(add.pfd) } : { pfdFrom: add.pfdFrom }),
      },
    };
  };

  return (
    <form
      className="whatif"
      aria-labelledby="whatif-title"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(null);
        if (question === "remove" && remove.length === 0) {
          setError("Choose at least one barrier to remove.");
          return;
        }
        setBusy(true);
        try {
          setAnswer(
            await send<WhatIfAnswer>("POST", `/api/systems/${encodeURIComponent(systemId)}/what-if`, request()),
          );
        } catch (err) {
          setAnswer(null);
          setError((err as Error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      <h2 id="whatif-title">What if…</h2>
      <p className="hint">Every past incident of the system is judged again under the bow-tie it was judged with.</p>
      <Field label="System">
        <select
          required
          value={systemId}
          onChange={(e) => {
            setSystemId(e.target.value);
            setHold("");
            setRemove([]);
            setAnswer(null);
            setAdd({ ...add, lineId: "", position: "0", pfdFrom: "" });
          }}
        >
          <option value="">choose</option>
          {systems.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </select>
      </Field>
      <fieldset className="question">
        <legend>Question</legend>
        {(
          [
            ["hold", "a barrier had always held"],
            ["remove", "barriers had not been there"],
            ["add", "a new barrier had been there"],
          ] as const
        ).map(([q, text]) => (
          <label key={q} className="choice">
            <input
              type="radio"
              name="question"
              value={q}
              checked={question === q}
              onChange={() => {
                setQuestion(q);
                setAnswer(null);
              }}
            />
            {text}
          </label>
        ))}
      </fieldset>
      {question === "hold" && (
        <Field label="Barrier that holds">
          <select required value={hold} onChange={(e) => setHold(e.target.value)}>
            <option value="">choose</option>
            {barriers.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name}
              </option>
            ))}
          </select>
        </Field>
      )}
      {question === "remove" && (
        <fieldset className="remove">
          <legend>Barriers to remove</legend>
          {barriers.length === 0 && <p className="hint">Choose a system first.</p>}
          {barriers.map((b) => (
            <label key={b.id} className="choice">
              <input
                type="checkbox"
                checked={remove.includes(b.id)}
                onChange={(e) => setRemove(e.target.checked ? [...remove, b.id] : remove.filter((x) => x !== b.id))}
              />
              {b.name}
            </label>
          ))}
        </fieldset>
      )}
      {question === "add" && (
        <fieldset className="add">
          <legend>The new barrier</legend>
          <Field label="Line">
            <select
              required
              value={add.lineId}
              onChange={(e) => setAdd({ ...add, lineId: e.target.value, position: "0", category: "" })}
            >
              <option value="">choose</option>
              {system?.bowtie.lines.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.name} ({l.side === "THREAT" ? "threat" : "consequence"})
                </option>
              ))}
            </select>
          </Field>
          <Field label="Position">
            <select value={add.position} onChange={set("position")}>
              {line && [
                <option key="0" value="0">
                  first{line.barriers[0] ? `, before ${line.barriers[0].name}` : ""}
                </option>,
                ...line.barriers.map((b, i) => (
                  <option key={b.id} value={String(i + 1)}>
                    after {b.name}
                  </option>
                )),
              ]}
            </select>
          </Field>
          <Field label="Id">
            <input required value={add.id} onChange={set("id")} pattern="[A-Za-z0-9_.\-]+" />
          </Field>
          <Field label="Name">
            <input value={add.name} onChange={set("name")} />
          </Field>
          <Field label="Category">
            <select required value={add.category} onChange={set("category")}>
              <option value="">choose</option>
              {fitting.map((c) => (
                <option key={c.category} value={c.category} title={c.failureModes}>
                  {words(c.category)}
                </option>
              ))}
            </select>
          </Field>
          {detection.includes(add.category) && (
            <p className="hint">A detection barrier sees a hazard but never holds it: no outcome can change.</p>
          )}
          <fieldset className="pfd-source">
            <legend>Its probability of failure on demand</legend>
            <label className="choice">
              <input
                type="radio"
                name="pfd-source"
                checked={add.pfdSource === "claimed"}
                onChange={() => setAdd({ ...add, pfdSource: "claimed" })}
              />
              claimed
            </label>
            {add.pfdSource === "claimed" && (
              <Field label="Claimed PFD">
                <input type="number" required min={0} max={1} step="any" value={add.pfd} onChange={set("pfd")} />
              </Field>
            )}
            <label className="choice">
              <input
                type="radio"
                name="pfd-source"
                checked={add.pfdSource === "from"}
                onChange={() => setAdd({ ...add, pfdSource: "from" })}
              />
              as demonstrated by
            </label>
            {add.pfdSource === "from" && (
              <Field label="Barrier whose PFD it has">
                <select required value={add.pfdFrom} onChange={set("pfdFrom")}>
                  <option value="">choose</option>
                  {barriers.map((b) => (
                    <option key={b.id} value={b.id}>
                      {b.name}
                    </option>
                  ))}
                </select>
              </Field>
            )}
          </fieldset>
        </fieldset>
      )}
      <div className="actions">
        <button type="submit" disabled={busy || !systemId}>
          {busy ? "Judging…" : "Re-judge past incidents"}
        </button>
        {answer && (
          <label className="choice">
            <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />
            only incidents that change
          </label>
        )}
      </div>
      {error && (
        <p className="error" role="alert">
          {error}
        </p>
      )}
      {answer && <WhatIfAnswerTable answer={answer} onlyChanged={onlyChanged} />}
    </form>
  );
}
