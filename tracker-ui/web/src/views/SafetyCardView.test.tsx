import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SafetyCardDocument, SafetyCardPage } from "./SafetyCardView";
import type { SafetyCard } from "../types";

const card: SafetyCard = {
  systemId: "support-llm-eu",
  name: "Support assistant (EU)",
  kind: "LANGUAGE_MODEL",
  owner: "trust-and-safety",
  lifecycle: "DEPLOYED",
  generatedAt: "2026-11-29T13:26:41Z",
  riskClass: "DORMANT",
  riskProfile: {
    misalignment: "MEDIUM",
    optimization: "NONE",
    influence: "LOW",
    rationale: {
      misalignment: "Out-of-distribution is hard to even define.",
      influence: "People act on what they read.",
    },
  },
  hazard: "Misalignment",
  topEvent: "Misaligned AI acts in the world",
  barriers: [
    {
      id: "output-filter",
      name: "Output filter",
      category: "IMPACT_MEASURE",
      line: "influence",
      side: "THREAT",
      acting: true,
      version: 2,
      state: "IN_SERVICE",
      failureModes: "Impact is hard to measure.",
      claimedPfd: 0.001,
      claim: "NOT_DEMONSTRATED",
      demands: 40,
      failures: 2,
      silentPasses: 1,
      pfd: {
        demands: 40,
        failures: 2,
        estimate: 0.061,
        interval95: { lower: 0.0106, upper: 0.155 },
        upper95: 0.137,
        riskReductionFactor: 7.3,
        sil: "NONE",
      },
      availability: 0.998,
      proofTests: { count: 3, failures: 1, last: "2026-11-20T09:00:00Z" },
    },
    {
      id: "interlock",
      name: "Conversation interlock",
      category: "SAFETY_INTERLOCK",
      line: "harm",
      side: "CONSEQUENCE",
      acting: true,
      version: 1,
      state: "IMPAIRED",
      failureModes: "The trigger condition is not met.",
      demands: 600,
      failures: 1,
      silentPasses: 0,
      pfd: {
        demands: 600,
        failures: 1,
        estimate: 0.0025,
        interval95: { lower: 0.00029, upper: 0.0081 },
        upper95: 0.0068,
        riskReductionFactor: 147,
        sil: "SIL_2",
      },
    },
    {
      id: "anomaly-monitor",
      name: "Anomaly monitoring",
      category: "ANOMALY_MONITORING",
      line: "misaligned-objective",
      side: "THREAT",
      acting: false,
      state: "IN_SERVICE",
      demands: 0,
      failures: 0,
      silentPasses: 4,
      pfd: {
        demands: 0,
        failures: 0,
        estimate: 0.5,
        interval95: { lower: 0, upper: 0.998 },
        upper95: 0.994,
        riskReductionFactor: 1.006,
        sil: "NONE",
      },
    },
  ],
  warnings: [
    {
      code: "DORMANT_WITHOUT_OPTIMIZATION",
      message: "A DORMANT system relies on its optimization barriers, and this bow-tie has none.",
    },
    {
      code: "SILENT_BARRIER",
      message: "'Anomaly monitoring' never reported while 4 incident(s) got past it: it may be dead.",
    },
  ],
  incidents: {
    total: 7,
    open: 2,
    byOutcome: { UNDETERMINED: 1, NEAR_MISS: 4, TOP_EVENT: 1, FULL_FAILURE: 1 },
    byDepth: { "1": 4, "3": 2, "5": 1 },
  },
};

const cells = (row: HTMLElement) => [...row.querySelectorAll("th, td")].map((c) => c.textContent);

describe("the safety card", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows the profile with the class and why each ingredient is rated so", () => {
    const { getByRole, container } = render(<SafetyCardDocument card={card} />);
    expect(container.querySelector("[data-risk-class]")!.textContent).toBe("DORMANT");
    const rows = within(getByRole("table", { name: "Risk profile" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows.map(cells)).toEqual([
      ["misalignment", "medium", "Out-of-distribution is hard to even define."],
      ["optimization", "none", "no rationale given"],
      ["influence", "low", "People act on what they read."],
    ]);
  });

  it("lists coverage and data warnings in words", () => {
    const { container } = render(<SafetyCardDocument card={card} />);
    const warnings = [...container.querySelectorAll("[data-warning]")];
    expect(warnings.map((w) => w.getAttribute("data-warning"))).toEqual([
      "DORMANT_WITHOUT_OPTIMIZATION",
      "SILENT_BARRIER",
    ]);
    expect(warnings[0].textContent).toContain("relies on its optimization barriers, and this bow-tie has none");
  });

  it("gives each barrier its demonstrated PFD with interval, upper bound, RRF, SIL band, claim and proof tests", () => {
    const { container } = render(<SafetyCardDocument card={card} />);
    const row = (id: string) => cells(container.querySelector(`tr[data-barrier='${id}']`)!);
    const filter = row("output-filter");
    expect(filter.slice(0, 8)).toEqual([
      "influence (preventive)",
      "Output filter output-filter v2",
      "impact measure",
      "acts",
      "in service",
      "40",
      "2",
      "1",
    ]);
    expect(filter.slice(8, 12)).toEqual(["0.061 (0.011 – 0.15)", "0.14", "×7.3", "no SIL"]);
    expect(filter[12]).toBe("0.001 ⚠ not demonstrated");
    expect(filter[13]).toContain("3 (1 failed, last ");
    expect(filter[14]).toBe("99.8%");
    const interlock = row("interlock");
    expect(interlock[4]).toBe("⚠ impaired");
    expect(interlock.slice(8, 12)).toEqual(["0.0025 (2.9e-4 – 0.0081)", "0.0068", "×147", "SIL 2"]);
    expect(row("anomaly-monitor")[3]).toBe("detects only");
  });

  it("lists the failure modes and the incident record by outcome and depth", () => {
    const { getByRole, getByText, container } = render(<SafetyCardDocument card={card} />);
    expect([...container.querySelectorAll(".failure-modes li")].map((li) => li.textContent)).toEqual([
      "Output filter: Impact is hard to measure.",
      "Conversation interlock: The trigger condition is not met.",
      "Anomaly monitoring: —",
    ]);
    expect(getByText("7 incidents, 2 open.")).toBeTruthy();
    const outcomes = within(getByRole("table", { name: "Incidents by outcome" }))
      .getAllByRole("row")
      .slice(1)
      .map(cells);
    expect(outcomes).toEqual([
      ["undetermined", "1"],
      ["near miss", "4"],
      ["top event", "1"],
      ["full failure", "1"],
    ]);
    const depth = within(getByRole("table", { name: "Incidents by barriers passed" }))
      .getAllByRole("row")
      .slice(1)
      .map(cells);
    expect(depth).toEqual([
      ["1", "4"],
      ["3", "2"],
      ["5", "1"],
    ]);
  });

  it("reads the card as JSON and downloads it as Markdown with the credentials", async () => {
    const fetch = vi.fn(async (_url: string, init?: RequestInit) => {
      const accept = (init?.headers as Record<string, string>)?.Accept;
      return accept === "text/markdown"
        ? new Response("# Safety card: Support assistant (EU)\n", { headers: { "Content-Type": "text/markdown" } })
        : new Response(JSON.stringify(card), { headers: { "Content-Type": "application/json" } });
    });
    vi.stubGlobal("fetch", fetch);
    const saved: Blob[] = [];
    const createObjectURL = vi.fn((blob: Blob) => {
      saved.push(blob);
      return "blob:card";
    });
    vi.stubGlobal("URL", Object.assign(Object.create(URL), { createObjectURL, revokeObjectURL: vi.fn() }));
    const clicked: string[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });

    const { findByRole, getByRole } = render(<SafetyCardPage systemId="support-llm-eu" />);
    expect((await findByRole("heading", { level: 1 })).textContent).toBe("Safety card: Support assistant (EU)");
    expect(fetch.mock.calls[0][0]).toBe("/api/systems/support-llm-eu/safety-card");

    fireEvent.click(getByRole("link", { name: "Download Markdown" }));
    await waitFor(() => expect(clicked).toEqual(["safety-card-support-llm-eu.md"]));
    const [url, init] = fetch.mock.calls[1];
    expect(url).toBe("/api/systems/support-llm-eu/safety-card");
    expect((init?.headers as Record<string, string>).Accept).toBe("text/markdown");
    expect((init?.headers as Record<string, string>)["X-Requested-With"]).toBe("XMLHttpRequest");
    expect(await saved[0].text()).toBe("# Safety card: Support assistant (EU)\n");
    click.mockRestore();
  });
});
