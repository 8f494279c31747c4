// What a step of an incident means, in words: the same reading of the marks the server drew.

import type { Mark, ReportView } from "./types";

interface Marked {
  name: string;
  mark: Mark;
}

/** The parts of a sentence, in the order a reader wants them: what got through, then what still holds. */
const PARTS: { mark: Mark; say: (names: string) => string }[] = [
  { mark: "BREACHED", say: (n) => `breached: ${n}` },
  { mark: "PASSED_SILENTLY", say: (n) => `passed silently: ${n}` },
  { mark: "DETECTED", say: (n) => `seen by a detector that cannot stop it: ${n}` },
  { mark: "PASSED", say: (n) => `passed after holding once: ${n}` },
  { mark: "HOLDING", say: (n) => `held by ${n}` },
  { mark: "DEGRADED", say: (n) => `out of service: ${n}` },
  { mark: "IMPAIRED", say: (n) => `impaired: ${n}` },
];

/**
 * One path after a step, e.g. "passed silently: a, b; seen by a detector that cannot stop it: c; held by d;
 * margin 2 of 5". The margin counts the acting barriers in service from the hazard's position on; "of" the path's
 * barriers.
 */
export function describePath(barriers: Marked[], margin: number, pathLength: number): string {
  const parts: string[] = [];
  for (const part of PARTS) {
    const names = barriers.filter((b) => b.mark === part.mark).map((b) => b.name);
    if (names.length > 0) parts.push(part.say(names.join(", ")));
  }
  if (parts.length === 0) parts.push("nothing got past yet");
  parts.push(`margin ${margin} of ${pathLength}`);
  return parts.join("; ");
}

/** The report at a step, in a sentence; `mark` is how its barrier was drawn after it. */
export function describeReport(
  report: Pick<ReportView, "type" | "barrierId" | "inferredFrom" | "consequenceLine">,
  barrierName?: string,
  mark?: Mark,
): string {
  const name = barrierName ?? report.barrierId ?? "the off switch";
  const inferred = report.inferredFrom ? " (inferred: activity after the shutdown)" : "";
  switch (report.type) {
    case "TRIPPED":
    case "ANOMALY_DETECTED":
      if (mark === "DETECTED") return `${name} saw the hazard pass: a detector cannot stop it${inferred}`;
      if (mark === "HOLDING") return `${name} tripped and held the hazard${inferred}`;
      return `${name} tripped${inferred}`;
    case "BREACHED":
      return `${name} was breached${inferred}`;
    case "SHUTDOWN_REQUESTED":
      return `shutdown requested: the hazard reached ${name}`;
    case "SHUTDOWN_COMPLETED":
      return `shutdown completed: ${name} held`;
    case "SHUTDOWN_FAILED":
      return `shutdown failed: ${name} did not hold${inferred}`;
    case "HARM_REPORTED":
      return `harm reported${report.consequenceLine ? ` on ${report.consequenceLine}` : ""}`;
    case "DEGRADED":
      return `${name} reported out of service`;
    case "RESTORED":
      return `${name} back in service`;
  }
}
