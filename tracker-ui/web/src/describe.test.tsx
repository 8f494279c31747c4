import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { describePath, describeReport } from "./describe";
import { StepDescription } from "./views/IncidentsView";
import type { TimelineStep } from "./types";

describe("a step in words", () => {
  it("says what got past, what saw it without stopping it, what holds it, and the margin", () => {
    expect(
      describePath(
        [
          { name: "a", mark: "PASSED_SILENTLY" },
          { name: "b", mark: "PASSED_SILENTLY" },
          { name: "c", mark: "DETECTED" },
          { name: "d", mark: "HOLDING" },
          { name: "e", mark: "STANDING" },
        ],
        2,
        5,
      ),
    ).toBe("passed silently: a, b; seen by a detector that cannot stop it: c; held by d; margin 2 of 5");
  });

  it("names breaches apart from silent passes, and holes that had no demand", () => {
    expect(
      describePath(
        [
          { name: "Sandbox", mark: "BREACHED" },
          { name: "Gate", mark: "PASSED_SILENTLY" },
          { name: "Filter", mark: "BREACHED" },
          { name: "Watcher", mark: "WATCHING" },
          { name: "Interlock", mark: "DEGRADED" },
          { name: "Off", mark: "IMPAIRED" },
          { name: "Corrigibility", mark: "STANDING" },
        ],
        1,
        7,
      ),
    ).toBe("breached: Sandbox, Filter; passed silently: Gate; out of service: Interlock; impaired: Off; margin 1 of 7");
  });

  it("says when nothing got past yet", () => {
    expect(
      describePath(
        [
          { name: "a", mark: "STANDING" },
          { name: "b", mark: "WATCHING" },
        ],
        1,
        2,
      ),
    ).toBe("nothing got past yet; margin 1 of 2");
  });

  it("tells a detector's trip from an acting barrier's hold, and names an inferred off-switch failure", () => {
    expect(describeReport({ type: "TRIPPED", barrierId: "m" }, "Monitor", "DETECTED")).toBe(
      "Monitor saw the hazard pass: a detector cannot stop it",
    );
    expect(describeReport({ type: "TRIPPED", barrierId: "i" }, "Interlock", "HOLDING")).toBe(
      "Interlock tripped and held the hazard",
    );
    expect(describeReport({ type: "BREACHED", barrierId: "g" }, "Gate", "BREACHED")).toBe("Gate was breached");
    expect(
      describeReport({ type: "SHUTDOWN_FAILED", barrierId: "off", inferredFrom: "r-9" }, "Kill switch", "BREACHED"),
    ).toBe("shutdown failed: Kill switch did not hold (inferred: activity after the shutdown)");
    expect(describeReport({ type: "HARM_REPORTED", consequenceLine: "harm" })).toBe("harm reported on harm");
  });

  it("shows the report and the path's meaning at the step", () => {
    const step: TimelineStep = {
      index: 2,
      report: { reportId: "r3", type: "ANOMALY_DETECTED", barrierId: "monitor", occurredAt: "2026-11-29T10:00:00Z" },
      after: {
        threatLine: "ood",
        consequenceLine: "harm",
        position: 2,
        pathLength: 4,
        threatLength: 2,
        margin: 2,
        outcome: "TOP_EVENT",
        breachedBarriers: ["robust"],
        silentlyPassed: [],
        detectedBy: ["monitor"],
        barriers: [
          { barrierId: "robust", name: "Adversarial training", category: "ADVERSARIAL_ROBUSTNESS", mark: "BREACHED" },
          { barrierId: "monitor", name: "Anomaly monitor", category: "ANOMALY_MONITORING", mark: "DETECTED" },
          { barrierId: "interlock", name: "Interlock", category: "SAFETY_INTERLOCK", mark: "STANDING" },
          { barrierId: "off", name: "Kill switch", category: "OFF_SWITCH", mark: "STANDING" },
        ],
      },
    };
    const { container } = render(<StepDescription step={step} />);
    expect(container.querySelector("[data-step-report]")!.textContent).toContain(
      "Anomaly monitor saw the hazard pass: a detector cannot stop it",
    );
    expect(container.querySelector("[data-step-description]")!.textContent).toBe(
      "breached: Adversarial training; seen by a detector that cannot stop it: Anomaly monitor; margin 2 of 4",
    );
  });
});
