import { span } from "../format";
import type { ResponseTimesReport, ScopeTimes, StepTimes } from "../types";

const STEPS: { key: "detect" | "acknowledge" | "contain" | "resolve"; label: string; what: string }[] = [
  { key: "detect", label: "Detect", what: "from the first report to the incident opened" },
  { key: "acknowledge", label: "Acknowledge", what: "from the opening to the first acknowledgement" },
  { key: "contain", label: "Contain", what: "from the opening to the first time a barrier held it (near miss)" },
  { key: "resolve", label: "Resolve", what: "from the opening to resolved (by an analyst, or gone quiet)" },
];

/** Seconds in words ("1 min 30 s"); the exact ISO-8601 duration on hover. */
function Time({ seconds, iso }: { seconds?: number; iso?: string }) {
  if (seconds == null) return <>—</>;
  return <span title={iso}>{span(seconds)}</span>;
}

function StepRow({ step, label, what }: { step: StepTimes; label: string; what: string }) {
  const always = label === "Detect";
  return (
    <>
      <th scope="row">
        <abbr title={what}>{label}</abbr>
      </th>
      <td>{step.count}</td>
      <td data-median>
        <Time seconds={step.medianSeconds} iso={step.median} />
      </td>
      <td>
        <Time seconds={step.p90Seconds} iso={step.p90} />
      </td>
      <td>
        <Time seconds={step.maxSeconds} iso={step.max} />
      </td>
      <td data-waiting>{always ? "—" : step.waiting}</td>
      <td>
        {step.oldestWaitSeconds == null ? (
          "—"
        ) : (
          <>
            <Time seconds={step.oldestWaitSeconds} iso={step.oldestWait} />
            <span className="meta"> ({step.oldestWaitingIncident})</span>
          </>
        )}
      </td>
      <td>{always ? "—" : step.never}</td>
    </>
  );
}

function Scope({ scope, name }: { scope: ScopeTimes; name: string }) {
  const left = [
    scope.notAnIncident > 0 ? `${scope.notAnIncident} not an incident, left out` : "",
    scope.resolvedQuietly > 0 ? `${scope.resolvedQuietly} resolved by going quiet` : "",
  ].filter((s) => s);
  return (
    <tbody data-scope={scope.systemId ?? "fleet"}>
      {STEPS.map((s, i) => (
        <tr key={s.key}>
          {i === 0 && (
            <th scope="rowgroup" rowSpan={STEPS.length}>
              {name}
              <span className="sub meta">
                {scope.incidents} {scope.incidents === 1 ? "incident" : "incidents"}
                {left.map((l) => (
                  <span key={l} className="sub">
                    {l}
                  </span>
                ))}
              </span>
            </th>
          )}
          <StepRow step={scope[s.key]} label={s.label} what={s.what} />
        </tr>
      ))}
    </tbody>
  );
}

/**
 * Response times per step, for the fleet and each system (or the one system chosen): how many incidents took the
 * step and how long it took them (median, 90th percentile, longest), how many open ones still wait and the longest
 * wait, and how many closed without taking it.
 */
export function ResponseTimesTable({
  report,
  nameOf,
}: {
  report: ResponseTimesReport;
  nameOf: (systemId: string) => string;
}) {
  const scopes: { scope: ScopeTimes; name: string }[] = report.systemId
    ? [{ scope: { ...report.fleet, systemId: report.systemId }, name: nameOf(report.systemId) }]
    : [
        { scope: report.fleet, name: "Whole fleet" },
        ...report.systems.map((s) => ({ scope: s, name: nameOf(s.systemId ?? "") })),
      ];
  return (
    <div className="table-scroll">
      <table className="list stats response-times" aria-label="Response times">
        <thead>
          <tr>
            <th scope="col">{report.systemId ? "System" : "Fleet or system"}</th>
            <th scope="col">Step</th>
            <th scope="col">
              <abbr title="incidents that took the step">Incidents</abbr>
            </th>
            <th scope="col">Median</th>
            <th scope="col">
              <abbr title="90th percentile">p90</abbr>
            </th>
            <th scope="col">Longest</th>
            <th scope="col">
              <abbr title="open incidents that have not taken the step yet">Still waiting</abbr>
            </th>
            <th scope="col">Longest wait</th>
            <th scope="col">
              <abbr title="incidents closed without taking the step">Closed without</abbr>
            </th>
          </tr>
        </thead>
        {scopes.map(({ scope, name }) => (
          <Scope key={scope.systemId ?? "fleet"} scope={scope} name={name} />
        ))}
      </table>
    </div>
  );
}
