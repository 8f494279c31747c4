import { fireEvent, render, screen, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BoardCardView, recheckDelay } from "../views/BoardView";
import type { BoardCard, SystemChange, TrendChange } from "../types";
import { ExpectedEveryField, isIsoDuration } from "./ExpectedEveryField";
import { SystemChangesList, whenAgainst } from "./SystemChangesList";
import { changeMarks, TrendChangesList } from "./TrendChanges";

const card: BoardCard = {
  systemId: "llm",
  name: "Support assistant",
  kind: "LANGUAGE_MODEL",
  lifecycle: "DEPLOYED",
  riskClass: "SPONGE",
  activityAfterShutdown: false,
  activityWhileSuspended: false,
  barrierStates: {},
  openIncidents: [],
  openIncidentCount: 0,
  paths: [
    {
      threatLine: "influence",
      consequenceLine: "harm",
      threatLength: 2,
      liveMargin: 4,
      barriers: [
        { id: "deployment-gate", name: "Deployment gate", category: "DEPLOYMENT_GATE", mark: "STANDING" },
        { id: "anomaly-monitor", name: "Anomaly monitoring", category: "ANOMALY_MONITORING", mark: "WATCHING" },
      ],
    },
  ],
  lowestMargin: 4,
  alert: false,
  alerts: [],
  mayBeDead: [
    {
      barrierId: "anomaly-monitor",
      name: "Anomaly monitoring",
      reasons: ["SILENT"],
      expectedEvery: "PT1H",
      message:
        "this barrier may be dead: 'Anomaly monitoring': nothing heard from it since it was watched, though it promised a report every PT1H",
    },
  ],
};

describe("barrier liveness on the board", () => {
  it("says which barrier may be dead in words and marks its chip for screen readers and the eye", () => {
    const { container } = render(<BoardCardView card={card} />);
    const list = screen.getByRole("list", { name: "Barriers of Support assistant that may be dead" });
    expect(within(list).getByText(/this barrier may be dead: 'Anomaly monitoring'/)).toBeTruthy();
    expect(screen.getByRole("img", { name: "Anomaly monitoring: watching, cannot stop; may be dead" })).toBeTruthy();
    expect(container.querySelector('[data-barrier="deployment-gate"]')?.getAttribute("data-suspect")).toBeNull();
    expect(container.querySelector('[data-barrier="anomaly-monitor"]')?.getAttribute("data-suspect")).toBe(
      "may-be-dead",
    );
  });

  it("shows no liveness list when every barrier is alive", () => {
    render(<BoardCardView card={{ ...card, mayBeDead: [] }} />);
    expect(screen.queryByRole("list", { name: /may be dead/ })).toBeNull();
  });

  it("asks for the board again when a watched barrier would turn silent, and every minute while one is", () => {
    const now = Date.parse("2026-11-30T10:00:00Z");
    const quiet = { ...card, mayBeDead: [], livenessRecheckAt: "2026-11-30T10:05:00Z" };
    expect(recheckDelay([quiet], now)).toBe(300_000);
    expect(recheckDelay([card], now)).toBe(60_000);
    expect(recheckDelay([{ ...card, mayBeDead: [] }], now)).toBeNull();
    expect(recheckDelay([{ ...quiet, livenessRecheckAt: "2026-12-30T10:00:00Z" }], now)).toBe(3_600_000);
  });
});

describe("how often a barrier reports, in the bow-tie editor", () => {
  it("takes ISO-8601 durations and a blank for no promise, and says at once what is not one", () => {
    expect(["PT30S", "PT15M", "PT1H", "P1D", "P1DT12H", "pt5m"].every(isIsoDuration)).toBe(true);
    expect(["1h", "P", "PT", "soon", "-PT1H"].some(isIsoDuration)).toBe(false);
    const onChange = vi.fn();
    render(<ExpectedEveryField barrierName="Anomaly monitoring" value="PT1H" onChange={onChange} />);
    const input = screen.getByRole("textbox", { name: /How often Anomaly monitoring reports/ });
    fireEvent.change(input, { target: { value: "pt15m" } });
    expect(onChange).toHaveBeenLastCalledWith("PT15M");
    fireEvent.change(input, { target: { value: "every hour" } });
    expect(screen.getByRole("alert").textContent).toMatch(/not a duration/);
    expect(input.getAttribute("aria-invalid")).toBe("true");
    expect(onChange).toHaveBeenCalledTimes(1);
    fireEvent.change(input, { target: { value: "" } });
    expect(onChange).toHaveBeenLastCalledWith(undefined);
  });
});

const rollout = (id: string, at: string, extra: Partial<SystemChange> = {}): SystemChange => ({
  reportId: id,
  kind: "MODEL",
  version: "v8",
  description: "new weights",
  source: "/deploy",
  occurredAt: at,
  ...extra,
});

describe("rollouts on an incident's timeline", () => {
  it("lists each rollout with its kind in words and when it went out against the incident", () => {
    const opened = "2026-11-30T10:00:00Z";
    render(
      <SystemChangesList
        openedAt={opened}
        changes={[
          rollout("c1", "2026-11-30T07:00:00Z"),
          rollout("c2", "2026-11-30T10:30:00Z", { kind: "GUARDRAIL", version: undefined }),
        ]}
      />,
    );
    const items = within(
      screen.getByRole("list", { name: "Rollouts of the system around this incident" }),
    ).getAllByRole("listitem");
    expect(items).toHaveLength(2);
    expect(items[0].textContent).toMatch(/model rollout to v8/);
    expect(items[0].textContent).toMatch(/3.0 h before it opened/);
    expect(items[1].textContent).toMatch(/guardrail rollout,/);
    expect(items[1].textContent).toMatch(/30 min after it opened/);
  });

  it("says so when nothing changed", () => {
    render(<SystemChangesList openedAt="2026-11-30T10:00:00Z" changes={[]} />);
    expect(screen.getByText(/No model, guardrail or configuration rollout/)).toBeTruthy();
    expect(whenAgainst(rollout("c", "2026-11-30T10:00:00Z"), "2026-11-30T10:00:00Z")).toBe("as it opened");
  });
});

const trendChange = (week: string, kind: TrendChange["kind"], version?: string): TrendChange => ({
  weekStart: week,
  systemId: "llm",
  kind,
  version,
  occurredAt: `${week}T12:00:00Z`,
});

describe("rollouts on the weekly trend", () => {
  it("marks each week with a change once on the chart and lists them as text", () => {
    const changes = [
      trendChange("2026-11-02", "MODEL", "v8"),
      trendChange("2026-11-16", "GUARDRAIL", "2.4"),
      trendChange("2026-11-16", "CONFIGURATION"),
    ];
    expect(changeMarks(changes)).toEqual([
      { xAxis: "2026-11-02", name: "model v8", label: { formatter: "⇪ model v8" } },
      { xAxis: "2026-11-16", name: "2 rollouts", label: { formatter: "⇪ 2 rollouts" } },
    ]);
    render(<TrendChangesList changes={changes} nameOf={() => "Support assistant"} />);
    const items = within(screen.getByRole("list", { name: "Rollouts marked on the weekly trend" })).getAllByRole(
      "listitem",
    );
    expect(items.map((i) => i.textContent)).toEqual([
      expect.stringMatching(/^week of 2026-11-02: model v8 rollout of Support assistant/),
      expect.stringMatching(/^week of 2026-11-16: guardrail 2.4 rollout/),
      expect.stringMatching(/^week of 2026-11-16: configuration rollout/),
    ]);
  });

  it("draws nothing without rollouts", () => {
    const { container } = render(<TrendChangesList changes={[]} nameOf={(s) => s} />);
    expect(container.textContent).toBe("");
  });
});
