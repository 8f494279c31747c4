import { MARK_LOOK } from "../marks";
import type { BowTie, Line, Mark } from "../types";

export interface BowTieDiagramProps {
  bowTie: BowTie;
  /** How each barrier is drawn; a barrier without a mark is off the path shown, drawn plain and faint. */
  marks: Record<string, Mark>;
  /** The path shown: barriers off it are drawn faint. */
  path?: string[];
  topEventReached?: boolean;
  width?: number;
}

const ROW = 86;
const SLICE_W = 16;
const SLICE_H = 40;

/** The pattern each mark fills its slice with: none means the CSS colour; the glyph is drawn above either way. */
const FILL: Partial<Record<Mark, string>> = { DEGRADED: "url(#hatch)", IMPAIRED: "url(#crosshatch)" };

/**
 * The bow-tie: threat lines on the left run into the top event in the middle, consequence lines run from it to the
 * right. Each barrier is a slice of swiss cheese drawn by its mark: a breached one has a hole, a detector's slice is
 * only an outline (it sees, it does not stop), a silently passed one is dotted, the holding one has a heavy edge and a
 * bar across the path, degraded and impaired ones are hatched.
 */
export function BowTieDiagram({ bowTie, marks, path, topEventReached, width = 980 }: BowTieDiagramProps) {
  const threats = bowTie.lines.filter((l) => l.side === "THREAT");
  const consequences = bowTie.lines.filter((l) => l.side === "CONSEQUENCE");
  const rows = Math.max(threats.length, consequences.length, 1);
  const height = rows * ROW + 40;
  const centre = width / 2;
  const onPath = (id: string) => !path || path.includes(id);

  const rowY = (index: number, count: number) => 20 + ((rows - count) * ROW) / 2 + index * ROW + ROW / 2;

  const drawLine = (line: Line, index: number, count: number, side: "left" | "right") => {
    const y = rowY(index, count);
    const from = side === "left" ? 20 : centre + 80;
    const to = side === "left" ? centre - 80 : width - 20;
    const step = (to - from) / (line.barriers.length + 1);
    const lineOnPath = !path || line.barriers.some((b) => path.includes(b.id));
    return (
      <g key={line.id} data-line={line.id} opacity={lineOnPath ? 1 : 0.45}>
        <text
          x={side === "left" ? 8 : width - 8}
          y={y - 36}
          textAnchor={side === "left" ? "start" : "end"}
          className="bt-line-label"
        >
          {line.name}
        </text>
        <line
          x1={side === "left" ? 8 : centre + 70}
          y1={y}
          x2={side === "left" ? centre - 70 : width - 8}
          y2={y}
          className="bt-path"
          markerEnd="url(#arrow)"
        />
        {line.barriers.map((barrier, i) => {
          const mark = marks[barrier.id];
          const look = mark ? MARK_LOOK[mark] : null;
          const label = look ? look.label : "not on this path";
          const x = from + step * (i + 1) - SLICE_W / 2;
          return (
            <g
              key={barrier.id}
              className={`bt-slice ${look ? `bt-${look.css}` : "bt-unmarked"}`}
              data-barrier={barrier.id}
              data-mark={mark ?? "NONE"}
              opacity={onPath(barrier.id) ? 1 : 0.35}
              role="img"
              aria-label={`${barrier.name}: ${label}`}
            >
              <title>{`${barrier.name} (${barrier.category.replaceAll("_", " ").toLowerCase()}): ${label}`}</title>
              <rect
                x={x}
                y={y - SLICE_H / 2}
                width={SLICE_W}
                height={SLICE_H}
                rx={4}
                fill={mark ? FILL[mark] : undefined}
              />
              {mark === "BREACHED" && <circle className="bt-hole" cx={x + SLICE_W / 2} cy={y} r={6} />}
              {mark === "HOLDING" && <line className="bt-stop" x1={x - 5} y1={y} x2={x + SLICE_W + 5} y2={y} />}
              {look && (
                <text x={x + SLICE_W / 2} y={y - SLICE_H / 2 - 4} textAnchor="middle" className="bt-glyph">
                  {look.glyph}
                </text>
              )}
              {/* names alternate between two rows so neighbours do not overlap */}
              <text
                x={x + SLICE_W / 2}
                y={y + SLICE_H / 2 + (i % 2 === 0 ? 12 : 24)}
                textAnchor="middle"
                className="bt-name"
              >
                {barrier.name.length > 18 ? barrier.name.slice(0, 17) + "…" : barrier.name}
              </text>
            </g>
          );
        })}
      </g>
    );
  };

  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      className="bowtie"
      role="group"
      aria-label={`Bow-tie: ${bowTie.hazard}, top event ${bowTie.topEvent}`}
    >
      <defs>
        <pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="bt-hatch-bg" />
          <line x1="0" y1="0" x2="0" y2="6" className="bt-hatch-line" />
        </pattern>
        <pattern id="crosshatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="6" height="6" className="bt-crosshatch-bg" />
          <line x1="0" y1="0" x2="0" y2="6" className="bt-crosshatch-line" />
          <line x1="0" y1="0" x2="6" y2="0" className="bt-crosshatch-line" />
        </pattern>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="6" markerHeight="6" orient="auto">
          <path d="M0,0 L10,5 L0,10 z" className="bt-arrow" />
        </marker>
      </defs>
      {threats.map((l, i) => drawLine(l, i, threats.length, "left"))}
      {consequences.map((l, i) => drawLine(l, i, consequences.length, "right"))}
      <g
        className={topEventReached ? "bt-top bt-top-reached" : "bt-top"}
        data-top-event={topEventReached ? "reached" : "not-reached"}
      >
        <rect x={centre - 70} y={height / 2 - 34} width={140} height={68} rx={34} />
        <text x={centre} y={height / 2 - 4} textAnchor="middle" className="bt-top-title">
          Top event
        </text>
        <text x={centre} y={height / 2 + 14} textAnchor="middle" className="bt-top-state">
          {topEventReached ? "✕ reached" : "not reached"}
        </text>
      </g>
    </svg>
  );
}
