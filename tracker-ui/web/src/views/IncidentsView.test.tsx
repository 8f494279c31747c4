import { fireEvent, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { IncidentsView, TIMELINE_REFRESH_MS } from "./IncidentsView";
import type { Incident, Me, PathState, ReportView, SystemView, Timeline, TimelineStep } from "../types";

const operator: Me = { username: "operator", roles: ["OPERATOR"] };
const analyst: Me = { username: "analyst", roles: ["ANALYST"] };

const system: SystemView = {
  id: "vision",
  name: "Defect classifier",
  kind: "IMAGE_CLASSIFIER",
  lifecycle: "DEPLOYED",
  riskProfile: { misalignment: "MEDIUM", optimization: "LOW", influence: "NONE" },
  riskClass: "SPONGE",
  bowtie: {
    hazard: "Misclassification",
    topEvent: "A defect ships",
    lines: [
      {
        id: "ood",
        side: "THREAT",
        name: "Out of distribution",
        barriers: [
          { id: "adversarial-training", name: "Adversarial training", category: "ADVERSARIAL_ROBUSTNESS" },
          { id: "output-filter", name: "Output filter", category: "SAFETY_INTERLOCK" },
        ],
      },
    ],
  },
  barrierVersions: { "adversarial-training": 1, "output-filter": 1 },
  barrierStates: {},
  coverageWarnings: [],
  activityAfterShutdown: false,
  activityWhileSuspended: false,
  allowedActions: ["suspend", "shutdown", "decommission"],
};

const breach: ReportView = {
  reportId: "r-1",
  type: "BREACHED",
  barrierId: "adversarial-training",
  occurredAt: "2026-12-02T10:00:00Z",
};
const trip: ReportView = {
  reportId: "r-2",
  type: "TRIPPED",
  barrierId: "output-filter",
  occurredAt: "2026-12-02T10:00:05Z",
};

/** The threat line after a step: the training breached, then the filter holding or standing. */
function after(held: boolean): PathState {
  return {
    threatLine: "ood",
    barriers: [
      {
        barrierId: "adversarial-training",
        name: "Adversarial training",
        category: "ADVERSARIAL_ROBUSTNESS",
        mark: "BREACHED",
      },
      {
        barrierId: "output-filter",
        name: "Output filter",
        category: "SAFETY_INTERLOCK",
        mark: held ? "HOLDING" : "STANDING",
      },
    ],
    position: 1,
    pathLength: 2,
    threatLength: 2,
    margin: 1,
    outcome: held ? "NEAR_MISS" : "UNDETERMINED",
    stoppedBy: held ? "output-filter" : undefined,
    breachedBarriers: ["adversarial-training"],
    silentlyPassed: [],
    detectedBy: [],
  };
}

const incident: Incident = {
  id: "vision.1",
  systemId: "vision",
  status: "OPEN",
  outcome: "UNDETERMINED",
  breachedBarriers: ["adversarial-training"],
  breachedCount: 1,
  pathLength: 2,
  position: 1,
  margin: 1,
  barriersPassed: 1,
  topEventReached: false,
  harmReported: false,
  threatLine: "ood",
  path: ["adversarial-training", "output-filter"],
  threatLength: 2,
  silentlyPassed: [],
  detectedBy: [],
  paths: [],
  activityAfterShutdown: false,
  reportCount: 1,
  openedAt: "2026-12-02T10:00:00Z",
  lastReportAt: "2026-12-02T10:00:00Z",
  notAnIncident: false,
};

function timelineOf(steps: TimelineStep[], changes: Partial<Incident> = {}, acts: Timeline["acts"] = []): Timeline {
  return {
    incident: { ...incident, reportCount: steps.length, ...changes },
    steps,
    acts,
    entries: steps.map((s) => ({ kind: "REPORT", at: s.report.occurredAt, step: s.index })),
  };
}

const oneReport = timelineOf([{ index: 0, report: breach, after: after(false) }]);
const twoReports = timelineOf(
  [
    { index: 0, report: breach, after: after(false) },
    { index: 1, report: trip, after: after(true) },
  ],
  { outcome: "NEAR_MISS", stoppedBy: "output-filter" },
);

/**
 * The incident API: the timeline is whatever `become` last made it (the read model as it moves), and an
 * acknowledgement is taken and shows up only when the test says the read model has it.
 */
function server(initial: Timeline) {
  let current = initial;
  const calls: { method: string; url: string }[] = [];
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ method, url });
      if (url === "/api/incidents/vision.1/timeline") return json(current);
      if (url === "/api/systems/vision") return json(system);
      if (url === "/api/incidents/vision.1/actions") return json([]);
      if (method === "POST" && url === "/api/incidents/vision.1/acknowledge")
        return new Response(null, { status: 204 });
      return new Response(`no ${method} ${url} here`, { status: 404 });
    }),
  );
  const become = (next: Timeline) => {
    current = next;
  };
  const timelineReads = () => calls.filter((c) => c.url === "/api/incidents/vision.1/timeline").length;
  return { calls, become, timelineReads };
}

const position = (container: HTMLElement) => container.querySelector(".replay-position")?.textContent;

describe("one incident's page", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("shows an acknowledgement the read model takes longer to show than the page waits after sending it", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { become } = server(oneReport);
    const screen = render(<IncidentsView me={operator} selected="vision.1" onSelect={() => {}} />);
    const acknowledge = await screen.findByRole("button", { name: "Acknowledge" });
    expect(screen.container.querySelector("[data-acknowledged]")?.textContent).toBe("not yet");

    fireEvent.click(acknowledge);
    // the page waits 30 reads 300 ms apart for the act; the read model, busy with other systems, is later than that
    await vi.advanceTimersByTimeAsync(12_000);
    expect(screen.container.querySelector("[data-acknowledged]")?.textContent).toBe("not yet");

    become(
      timelineOf(oneReport.steps, { acknowledgedBy: "operator", acknowledgedAt: "2026-12-02T10:01:00Z" }, [
        { kind: "ACKNOWLEDGED", by: "operator", at: "2026-12-02T10:01:00Z" },
      ]),
    );
    await vi.advanceTimersByTimeAsync(TIMELINE_REFRESH_MS);
    await waitFor(() =>
      expect(screen.container.querySelector("[data-acknowledged]")?.textContent).toContain("by operator"),
    );
  });

  it("follows a report that joins the incident while one watches its latest step", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { become } = server(oneReport);
    const screen = render(<IncidentsView me={analyst} selected="vision.1" onSelect={() => {}} />);
    await waitFor(() => expect(position(screen.container)).toBe("Step 1 of 1"));

    become(twoReports);
    await vi.advanceTimersByTimeAsync(TIMELINE_REFRESH_MS);

    await waitFor(() => expect(position(screen.container)).toBe("Step 2 of 2"));
    expect(screen.container.querySelector("[data-step-report]")?.textContent).toMatch(/Output filter/);
  });

  it("leaves an analyst stepping back through the replay on the step they chose when a report joins", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { become, timelineReads } = server(twoReports);
    const screen = render(<IncidentsView me={analyst} selected="vision.1" onSelect={() => {}} />);
    await waitFor(() => expect(position(screen.container)).toBe("Step 2 of 2"));
    fireEvent.click(screen.getByRole("button", { name: "Step back" }));
    expect(position(screen.container)).toBe("Step 1 of 2");

    const third: ReportView = { ...trip, reportId: "r-3", occurredAt: "2026-12-02T10:00:09Z" };
    become(timelineOf([...twoReports.steps, { index: 2, report: third, after: after(true) }]));
    const before = timelineReads();
    await vi.advanceTimersByTimeAsync(TIMELINE_REFRESH_MS);

    await waitFor(() => expect(position(screen.container)).toBe("Step 1 of 3"));
    expect(timelineReads()).toBe(before + 1);
  });

  it("keeps an analyst on the report they chose when a late report that occurred before it joins", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { become } = server(twoReports);
    const screen = render(<IncidentsView me={analyst} selected="vision.1" onSelect={() => {}} />);
    await waitFor(() => expect(position(screen.container)).toBe("Step 2 of 2"));
    fireEvent.click(screen.getByRole("button", { name: "Step back" }));
    expect(screen.container.querySelector("[data-step-report]")?.textContent).toMatch(/Adversarial training/);

    // reported late, it occurred before everything else: the steps are in order of occurrence
    const early: ReportView = { ...trip, reportId: "r-0", occurredAt: "2026-12-02T09:59:00Z" };
    become(
      timelineOf([
        { index: 0, report: early, after: after(true) },
        { index: 1, report: breach, after: after(false) },
        { index: 2, report: trip, after: after(true) },
      ]),
    );
    await vi.advanceTimersByTimeAsync(TIMELINE_REFRESH_MS);

    await waitFor(() => expect(position(screen.container)).toBe("Step 2 of 3"));
    expect(screen.container.querySelector("[data-step-report]")?.textContent).toMatch(/Adversarial training/);
  });
});
