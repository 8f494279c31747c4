import type { ReactNode } from "react";
import { MARK_LOOK } from "../marks";
import { MARKS, type Mark } from "../types";

/**
 * One barrier drawn by its mark: glyph, pattern and, for screen readers and on hover, the words. `suspect`: it may be
 * dead (silent past what it promised, or passed silently by incident after incident), drawn with a "?" and said so.
 */
export function MarkChip({ id, name, mark, suspect }: { id: string; name: string; mark: Mark; suspect?: boolean }) {
  const look = MARK_LOOK[mark];
  const label = `${name}: ${look.label}${suspect ? "; may be dead" : ""}`;
  return (
    <span
      className={`chip ${look.css}${suspect ? " suspect" : ""}`}
      data-barrier={id}
      data-mark={mark}
      data-suspect={suspect ? "may-be-dead" : undefined}
      role="img"
      aria-label={label}
      title={label}
    >
      <span aria-hidden="true">{look.glyph}</span>
      {suspect && (
        <span className="suspect-mark" aria-hidden="true">
          ?
        </span>
      )}
    </span>
  );
}

/** What each mark means, with the same glyph and pattern as the chips. */
export function MarkLegend({ marks = MARKS }: { marks?: Mark[] }) {
  return (
    <dl className="legend" aria-label="What the marks mean">
      {marks.map((m) => (
        <div key={m} data-legend={m}>
          <dt>
            <span className={`chip ${MARK_LOOK[m].css}`} aria-hidden="true">
              {MARK_LOOK[m].glyph}
            </span>{" "}
            {MARK_LOOK[m].label}
          </dt>
          <dd>{MARK_LOOK[m].meaning}</dd>
        </div>
      ))}
    </dl>
  );
}

export interface StripBarrier {
  id: string;
  name: string;
  mark: Mark;
}

/**
 * A path as a row of barriers in the order a hazard meets them, each with its glyph, name and mark in words; the top
 * event sits between the preventive and the reactive barriers.
 */
export function PathStrip({
  barriers,
  threatLength,
  label,
}: {
  barriers: StripBarrier[];
  threatLength: number;
  label: string;
}) {
  const items: ReactNode[] = [];
  barriers.forEach((b, i) => {
    if (i === threatLength && threatLength > 0) {
      items.push(
        <li key="#top" className="strip-top" aria-label="top event">
          ▲ top event
        </li>,
      );
    }
    const look = MARK_LOOK[b.mark];
    items.push(
      <li key={b.id} className={`strip-barrier ${look.css}`} data-barrier={b.id} data-mark={b.mark}>
        <span className={`chip ${look.css}`} aria-hidden="true">
          {look.glyph}
        </span>
        <span className="strip-name">{b.name}</span>
        <span className="strip-mark">{look.label}</span>
      </li>,
    );
  });
  return (
    <ol className="path-strip" aria-label={label}>
      {items}
    </ol>
  );
}
