// Numbers and enum names as people read them. One place, so every view writes a PFD or a SIL band the same way.

import type { ClaimVerdict, SilBand, Trend } from "./types";

/** TOP_EVENT → "top event" */
export const words = (s: string) => s.replaceAll("_", " ").toLowerCase();

/**
 * Outcome names inside a sentence in words. The server words its alerts itself; servers before it said "incident x.2
 * is TOP_EVENT".
 */
export const sentence = (s: string) =>
  s.replace(/\b(UNDETERMINED|NEAR_MISS|TOP_EVENT|FULL_FAILURE)\b/g, (m) => words(m));

/** A probability: two significant digits, scientific below 0.001 so small PFDs stay readable. */
export function prob(x: number | null | undefined): string {
  if (x == null || Number.isNaN(x)) return "—";
  if (x === 0) return "0";
  if (x === 1) return "1";
  if (x >= 1e-3) return String(Number(x.toPrecision(2)));
  return x.toExponential(1);
}

/** A share as a percentage. */
export function pct(x: number | null | undefined): string {
  if (x == null || Number.isNaN(x)) return "—";
  const p = x * 100;
  return `${Number(p.toFixed(p !== 0 && (p < 1 || p > 99) ? 2 : 1))}%`;
}

/** The risk-reduction factor, ×1.3 or ×120. */
export function factor(x: number | null | undefined): string {
  if (x == null || !Number.isFinite(x)) return "—";
  return `×${x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString("en")}`;
}

/** Hours as minutes, hours or days, whichever reads best. */
export function duration(hours: number | null | undefined): string {
  if (hours == null || !Number.isFinite(hours)) return "—";
  if (hours < 1 / 60) return `${Math.max(0, Math.round(hours * 3600))} s`;
  if (hours < 1) return `${Math.round(hours * 60)} min`;
  if (hours < 48) return `${hours.toFixed(1)} h`;
  return `${(hours / 24).toFixed(1)} d`;
}

/** Seconds in the two largest units that read well: "45 s", "1 min 30 s", "2 h 5 min", "3 d 4 h". */
export function span(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return "—";
  const s = Math.max(0, Math.round(seconds));
  const two = (big: number, bigUnit: string, small: number, smallUnit: string) =>
    small === 0 ? `${big} ${bigUnit}` : `${big} ${bigUnit} ${small} ${smallUnit}`;
  if (s < 60) return `${s} s`;
  if (s < 3600) return two(Math.floor(s / 60), "min", s % 60, "s");
  const minutes = Math.round(s / 60);
  if (minutes < 48 * 60) return two(Math.floor(minutes / 60), "h", minutes % 60, "min");
  const hours = Math.round(s / 3600);
  return two(Math.floor(hours / 24), "d", hours % 24, "h");
}

/** SIL_2 → "SIL 2"; NONE → "no SIL". */
export const silBand = (s: SilBand | undefined) => (!s || s === "NONE" ? "no SIL" : s.replace("_", " "));

const CLAIM: Record<ClaimVerdict, string> = {
  NOT_DEMONSTRATED: "⚠ not demonstrated",
  CONSISTENT: "✓ consistent",
  CONSERVATIVE: "✓ conservative",
};
export const claimVerdict = (c: ClaimVerdict | undefined) => (c ? CLAIM[c] : "—");

export function trendWords(t: Trend | undefined): string {
  if (!t || t.status === "NOT_ENOUGH_DATA") return "not enough data";
  const p = t.pValue == null ? "" : ` (p ${prob(t.pValue)})`;
  return t.status === "WORSENING" ? `▲ worsening${p}` : `not worsening${p}`;
}

export const dateTime = (iso: string | null | undefined) => (iso ? new Date(iso).toLocaleString() : "—");

/**
 * The time since the last proof test. The API measures `hoursSinceLast` to the window's end (`windowEnd`), or to when
 * it answered for a window without one: "3.0 d ago". A window that ended before `now` says so ("3.0 d before the
 * window's end"); one that ends later (today's, say, which runs to midnight) is brought back to `now`.
 */
export function sinceLast(
  hoursSinceLast: number | null | undefined,
  windowEnd?: string | null,
  now: number = Date.now(),
): string {
  if (hoursSinceLast == null || !Number.isFinite(hoursSinceLast)) return "—";
  const end = windowEnd ? new Date(windowEnd).getTime() : NaN;
  if (Number.isNaN(end)) return `${duration(hoursSinceLast)} ago`;
  if (end <= now) return `${duration(hoursSinceLast)} before the window's end`;
  return `${duration(Math.max(0, hoursSinceLast - (end - now) / 3_600_000))} ago`;
}

/** "threat → consequence", leaving out a side the bow-tie does not have. */
export const pathName = (threat?: string | null, consequence?: string | null) =>
  [threat, consequence].filter(Boolean).join(" → ") || "—";

/** The source post's classes, in a line each. */
export const CLASS_MEANING: Record<string, string> = {
  ALIGNED: "no misalignment",
  DORMANT: "misaligned, with influence but no optimization: relies on its optimization barriers",
  SPONGE: "misaligned, optimizing, without influence: relies on its influence barriers",
  AGENTIC: "misaligned, optimizing and influential: relies on every line and on the reactive side",
  INERT: "misaligned, neither optimizing nor influential",
};
