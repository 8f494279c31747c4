import { render, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { ResponseTimesTable } from "./ResponseTimesTable";
import type { ResponseTimesReport, StepTimes } from "../types";

const none: StepTimes = { count: 0, waiting: 0, never: 0 };

const report: ResponseTimesReport = {
  asOf: "2026-11-02T12:00:00Z",
  fleet: {
    incidents: 5,
    notAnIncident: 1,
    detect: {
      ...none,
      count: 5,
      median: "PT1M30S",
      medianSeconds: 90,
      p90: "PT4M12S",
      p90Seconds: 252,
      max: "PT5M",
      maxSeconds: 300,
    },
    acknowledge: {
      count: 3,
      median: "PT10M",
      medianSeconds: 600,
      p90: "PT26M",
      p90Seconds: 1560,
      max: "PT30M",
      maxSeconds: 1800,
      waiting: 1,
      oldestWait: "PT37M",
      oldestWaitSeconds: 2220,
      oldestWaitingIncident: "llm.5",
      never: 1,
    },
    contain: { ...none, count: 3, medianSeconds: 300, p90Seconds: 300, maxSeconds: 300, never: 1 },
    resolve: {
      count: 2,
      median: "PT37M30S",
      medianSeconds: 2250,
      p90Seconds: 3330,
      maxSeconds: 3600,
      waiting: 3,
      oldestWait: "PT3H29M30S",
      oldestWaitSeconds: 12570,
      oldestWaitingIncident: "vision.1",
      never: 0,
    },
    resolvedQuietly: 1,
  },
  systems: [
    {
      systemId: "vision",
      incidents: 1,
      notAnIncident: 0,
      detect: { ...none, count: 1, medianSeconds: 90, p90Seconds: 90, maxSeconds: 90 },
      acknowledge: { ...none, count: 1, medianSeconds: 30, p90Seconds: 30, maxSeconds: 30 },
      contain: { ...none, waiting: 1, oldestWaitSeconds: 12570, oldestWaitingIncident: "vision.1" },
      resolve: { ...none, waiting: 1, oldestWaitSeconds: 12570, oldestWaitingIncident: "vision.1" },
      resolvedQuietly: 0,
    },
  ],
};

const nameOf = (id: string) => (id === "vision" ? "Vision classifier" : id);

describe("the response times table", () => {
  it("gives each step of the fleet and of each system with its times, waits and what was left out", () => {
    const { getByRole } = render(<ResponseTimesTable report={report} nameOf={nameOf} />);
    const table = getByRole("table", { name: "Response times" });
    const groups = within(table).getAllByRole("rowgroup").slice(1); // the head first
    expect(groups).toHaveLength(2);

    const fleet = groups[0];
    const heading = within(fleet).getByRole("rowheader", { name: /Whole fleet/ });
    expect(heading.textContent).toContain("5 incidents");
    expect(heading.textContent).toContain("1 not an incident, left out");
    expect(heading.textContent).toContain("1 resolved by going quiet");
    const cells = (step: string) =>
      within(within(fleet).getByRole("rowheader", { name: step }).closest("tr")!)
        .getAllByRole("cell")
        .map((c) => c.textContent);
    // incidents, median, p90, longest, still waiting, longest wait, closed without
    expect(cells("Detect")).toEqual(["5", "1 min 30 s", "4 min 12 s", "5 min", "—", "—", "—"]);
    expect(cells("Acknowledge")).toEqual(["3", "10 min", "26 min", "30 min", "1", "37 min (llm.5)", "1"]);
    expect(cells("Contain")).toEqual(["3", "5 min", "5 min", "5 min", "0", "—", "1"]);
    expect(cells("Resolve")).toEqual(["2", "37 min 30 s", "55 min 30 s", "1 h", "3", "3 h 30 min (vision.1)", "0"]);
    // the exact duration on hover
    expect(within(fleet).getByText("1 min 30 s").getAttribute("title")).toBe("PT1M30S");

    const vision = groups[1];
    expect(within(vision).getByRole("rowheader", { name: /Vision classifier/ }).textContent).toContain("1 incident");
    const contain = within(within(vision).getByRole("rowheader", { name: "Contain" }).closest("tr")!)
      .getAllByRole("cell")
      .map((c) => c.textContent);
    expect(contain).toEqual(["0", "—", "—", "—", "1", "3 h 30 min (vision.1)", "0"]);
  });

  it("shows only the system asked for, under its name", () => {
    // the fleet of one system: its own figures, as the API gives them
    const one = { ...report, systemId: "vision", fleet: { ...report.systems[0], systemId: undefined } };
    const { getByRole } = render(<ResponseTimesTable report={one} nameOf={nameOf} />);
    const table = getByRole("table", { name: "Response times" });
    expect(within(table).getAllByRole("rowgroup")).toHaveLength(2);
    expect(table.querySelector("tbody")?.dataset.scope).toBe("vision");
    expect(within(table).getByRole("rowheader", { name: /Vision classifier/ })).toBeTruthy();
    expect(within(table).queryByRole("rowheader", { name: /Whole fleet/ })).toBeNull();
    expect(within(table).getByRole("columnheader", { name: "System" })).toBeTruthy();
  });
});
