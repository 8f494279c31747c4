import { pct, words } from "../format";
import { OUTCOMES, type PossibleOutcome, type WhatIfAnswer } from "../types";

const count = (x: number) => (Number.isInteger(x) ? String(x) : x.toFixed(2));

function Possible({ p, certain }: { p: PossibleOutcome; certain: boolean }) {
  return (
    <span className="possible" data-outcome={p.outcome}>
      <span className={`outcome outcome-${p.outcome.toLowerCase()}`}>{words(p.outcome)}</span> margin {p.margin}
      {!certain && <strong> ({pct(p.probability)})</strong>}
    </span>
  );
}

/**
 * The answer to a what-if: per incident, the outcome before and after (with its probability when the question was to
 * add a barrier that fails with some probability), then the expected number of incidents per outcome before and after.
 */
export function WhatIfAnswerTable({ answer, onlyChanged = false }: { answer: WhatIfAnswer; onlyChanged?: boolean }) {
  const { incidents, expectedBefore, expectedAfter } = answer.answer;
  const shown = onlyChanged ? incidents.filter((i) => i.changed) : incidents;
  return (
    <div className="whatif-answer" data-whatif-answer>
      <p role="status">
        <strong>{answer.question}</strong>
        {answer.pfd != null && !answer.question.includes("PFD") && <> (PFD {answer.pfd})</>}: {answer.outcomesChanged}{" "}
        of {answer.incidentsJudged} incident{answer.incidentsJudged === 1 ? "" : "s"} would have ended otherwise.
      </p>
      <table className="list" aria-label="Expected incidents per outcome">
        <thead>
          <tr>
            <th>Outcome</th>
            <th>Expected before</th>
            <th>Expected after</th>
            <th>Change</th>
          </tr>
        </thead>
        <tbody>
          {OUTCOMES.map((o) => {
            const before = expectedBefore[o] ?? 0;
            const after = expectedAfter[o] ?? 0;
            const change = after - before;
            return (
              <tr key={o} data-expected={o}>
                <th scope="row">
                  <span className={`outcome outcome-${o.toLowerCase()}`}>{words(o)}</span>
                </th>
                <td>{count(before)}</td>
                <td>{count(after)}</td>
                <td>{Math.abs(change) < 1e-9 ? "—" : `${change > 0 ? "+" : "−"}${count(Math.abs(change))}`}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {shown.length === 0 && (
        <p className="empty">{onlyChanged ? "No outcome would change." : "No incidents to judge."}</p>
      )}
      {shown.length > 0 && (
        <table className="list" aria-label="Each incident before and after">
          <thead>
            <tr>
              <th>Incident</th>
              <th>Before</th>
              <th>After</th>
              <th>Changed</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i) => (
              <tr key={i.incidentId} data-incident={i.incidentId} className={i.changed ? "changed" : undefined}>
                <td>
                  <a href={`#incidents/${i.incidentId}`}>{i.incidentId}</a>
                </td>
                <td>
                  <Possible p={{ outcome: i.before, margin: i.marginBefore, probability: 1 }} certain />
                </td>
                <td>
                  {i.after.map((p, k) => (
                    <span key={k}>
                      {k > 0 && <span className="or"> or </span>}
                      <Possible p={p} certain={i.after.length === 1} />
                    </span>
                  ))}
                </td>
                <td>{i.changed ? "✓ yes" : "no"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
