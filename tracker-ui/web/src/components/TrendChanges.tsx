import { dateTime, words } from "../format";
import type { TrendChange } from "../types";

/** One rollout in a few words: "guardrail refusal-filter 2.4". */
export const changeWords = (c: TrendChange) => `${words(c.kind)}${c.version ? ` ${c.version}` : ""}`;

/**
 * The weekly trend chart's marks for rollouts: one vertical line per week with a change, labelled with what changed
 * (a week with several says how many), for an ECharts `markLine` on the category axis of weeks.
 */
export function changeMarks(changes: TrendChange[]) {
  const byWeek = new Map<string, TrendChange[]>();
  changes.forEach((c) => byWeek.set(c.weekStart, [...(byWeek.get(c.weekStart) ?? []), c]));
  return [...byWeek.entries()].map(([week, cs]) => ({
    xAxis: week,
    name: cs.length === 1 ? changeWords(cs[0]) : `${cs.length} rollouts`,
    label: { formatter: cs.length === 1 ? `⇪ ${changeWords(cs[0])}` : `⇪ ${cs.length} rollouts` },
  }));
}

/**
 * The same rollouts as text beside the chart (the chart is a picture): what changed in which week, so analysts see
 * what changed before things broke without reading the lines.
 */
export function TrendChangesList({
  changes,
  nameOf,
}: {
  changes: TrendChange[];
  nameOf: (systemId: string) => string;
}) {
  if (changes.length === 0) return null;
  return (
    <div className="trend-changes">
      <p className="meta">Rollouts in these weeks, marked ⇪ on the chart:</p>
      <ul aria-label="Rollouts marked on the weekly trend">
        {changes.map((c) => (
          <li key={`${c.systemId} ${c.occurredAt} ${c.kind} ${c.version ?? ""}`} data-trend-change={c.weekStart}>
            <span className="trend-change">week of {c.weekStart}</span>: {changeWords(c)} rollout of{" "}
            {nameOf(c.systemId)} on {dateTime(c.occurredAt)}
            {c.description && <>: {c.description}</>}
          </li>
        ))}
      </ul>
    </div>
  );
}
