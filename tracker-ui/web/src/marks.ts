// How each barrier mark is drawn and said. Every mark has its own glyph, its own pattern (CSS class) and its own
// words, so a mark reads without colour vision and to a screen reader.

import type { Barrier, BarrierState, Mark } from "./types";

export interface MarkLook {
  glyph: string;
  /** A few words, used on chips, in tooltips and for screen readers. */
  label: string;
  /** What it means, for the legend. */
  meaning: string;
  /** CSS modifier: mark-breached, mark-passed-silently, … */
  css: string;
  /** Whether the hazard is past this barrier. */
  behind: boolean;
}

export const MARK_LOOK: Record<Mark, MarkLook> = {
  BREACHED: {
    glyph: "✕",
    label: "breached",
    meaning: "failed a demand: a hole the hazard went through",
    css: "mark-breached",
    behind: true,
  },
  DETECTED: {
    glyph: "◉",
    label: "seen, not stopped",
    meaning: "a detector saw the hazard pass; it cannot stop it",
    css: "mark-detected",
    behind: true,
  },
  PASSED_SILENTLY: {
    glyph: "○",
    label: "passed silently",
    meaning: "got past with no report about it: not counted as a breach",
    css: "mark-passed-silently",
    behind: true,
  },
  PASSED: {
    glyph: "»",
    label: "passed after holding once",
    meaning: "reported holding once, then the hazard got further",
    css: "mark-passed",
    behind: true,
  },
  HOLDING: {
    glyph: "✓",
    label: "holding",
    meaning: "the barrier holding the hazard now",
    css: "mark-holding",
    behind: false,
  },
  STANDING: {
    glyph: "▮",
    label: "standing",
    meaning: "in service ahead of the hazard: counts in the margin",
    css: "mark-standing",
    behind: false,
  },
  WATCHING: {
    glyph: "◌",
    label: "watching, cannot stop",
    meaning: "a detector in service ahead: sees, does not stop, not in the margin",
    css: "mark-watching",
    behind: false,
  },
  DEGRADED: {
    glyph: "!",
    label: "out of service",
    meaning: "reported degraded: a hole with no demand",
    css: "mark-degraded",
    behind: false,
  },
  IMPAIRED: {
    glyph: "⊘",
    label: "impaired",
    meaning: "failed and not restored: a hole until someone restores it",
    css: "mark-impaired",
    behind: false,
  },
};

/** Whether a barrier acts (can stop a hazard) or only detects, as the server decides it: `acts`, else its category. */
export function acting(barrier: Pick<Barrier, "category" | "acts">, detectionCategories: string[]): boolean {
  return barrier.acts ?? !detectionCategories.includes(barrier.category);
}

/** A barrier with no incident on it: its service state, else standing or watching. */
export function restingMark(
  barrier: Pick<Barrier, "category" | "acts">,
  state: BarrierState | undefined,
  detectionCategories: string[],
): Mark {
  if (state === "DEGRADED") return "DEGRADED";
  if (state === "IMPAIRED") return "IMPAIRED";
  return acting(barrier, detectionCategories) ? "STANDING" : "WATCHING";
}
