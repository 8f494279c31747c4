import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { BoardCardView } from "./BoardView";
import type { BoardCard } from "../types";

const card: BoardCard = {
  systemId: "vision", name: "Defect classifier", kind: "IMAGE_CLASSIFIER", lifecycle: "SHUT_DOWN", riskClass: "AGENTIC",
  activityAfterShutdown: true, activityWhileSuspended: false, classChange: "SPONGE → AGENTIC",
  barrierStates: { "human-review": "DEGRADED" },
  openIncidents: [{ id: "vision.4", outcome: "TOP_EVENT", margin: 1, position: 3, pathLength: 5, stoppedBy: "off-switch",
    breachedBarriers: ["adversarial-training"], openedAt: "2026-11-29T10:00:00Z" }],
  paths: [{
    threatLine: "ood", consequenceLine: "harm", liveMargin: 1, incidentId: "vision.4", barriers: [
      { id: "adversarial-training", name: "Adversarial training", category: "ADVERSARIAL_ROBUSTNESS", mark: "BREACHED" },
      { id: "ood-monitor", name: "OOD detector", category: "ANOMALY_MONITORING", mark: "DETECTED" },
      { id: "abstain", name: "Abstains when uncertain", category: "CUSTOM", mark: "PASSED_SILENTLY" },
      { id: "human-review", name: "Human review", category: "SAFETY_INTERLOCK", mark: "DEGRADED" },
      { id: "off-switch", name: "Model rollback", category: "OFF_SWITCH", mark: "HOLDING" }],
  }],
  lowestMargin: 1, alert: true,
  alerts: ["1 barrier left on ood → harm (incident vision.4)", "incident vision.4 is TOP_EVENT",
    "activity after shutdown: the off switch did not hold", "class changed: SPONGE → AGENTIC"],
};

describe("a board card", () => {
  it("draws each path's barriers by their marks, with the live margin and the incident that sets it", () => {
    const { container, getByRole } = render(<BoardCardView card={card} />);
    const row = container.querySelector("tr[data-path='ood → harm']")!;
    expect([...row.querySelectorAll("[data-mark]")].map((c) => c.getAttribute("data-mark")))
      .toEqual(["BREACHED", "DETECTED", "PASSED_SILENTLY", "DEGRADED", "HOLDING"]);
    expect(row.querySelector("[data-live-margin]")!.textContent).toBe("1 barrier left");
    expect(getByRole("img", { name: "OOD detector: seen, not stopped" })).toBeTruthy();
    expect(getByRole("link", { name: "#4" }).getAttribute("href")).toBe("#incidents/vision.4");
    expect(getByRole("link", { name: "Safety card" }).getAttribute("href")).toBe("#card/vision");
  });

  it("says every alert in words, the class change first, and flags activity after shutdown", () => {
    const { getByRole, container } = render(<BoardCardView card={card} />);
    const alerts = within(getByRole("group", { name: "Alerts for Defect classifier" })).getAllByRole("listitem");
    expect(alerts.map((a) => a.textContent)).toEqual([
      "⚠ class changed: SPONGE → AGENTIC", "⚠ 1 barrier left on ood → harm (incident vision.4)",
      "⚠ incident vision.4 is top event", "⚠ activity after shutdown: the off switch did not hold"]);
    expect(container.querySelector("[data-activity-after-shutdown]")!.textContent).toBe("⚠ active after shutdown");
    expect(container.querySelector(".open-incidents")!.textContent).toContain("held by Model rollback");
  });

  it("offers the acknowledgement only to those who may give it, and calls it", async () => {
    const { queryByRole, unmount } = render(<BoardCardView card={card} />);
    expect(queryByRole("button", { name: /Acknowledge/ })).toBeNull();
    unmount();
    const acknowledge = vi.fn(async () => {});
    const { getByRole } = render(<BoardCardView card={card} onAcknowledge={acknowledge} />);
    fireEvent.click(getByRole("button", { name: "Acknowledge the class change of Defect classifier" }));
    await waitFor(() => expect(acknowledge).toHaveBeenCalledWith("vision"));
  });

  it("folds away alerts beyond the first four", () => {
    const busy = { ...card, classChange: undefined,
      alerts: Array.from({ length: 7 }, (_, i) => `incident vision.${i + 1} is FULL_FAILURE`) };
    const { container } = render(<BoardCardView card={busy} />);
    expect(container.querySelectorAll(".alerts > ul > li")).toHaveLength(4);
    expect(container.querySelector(".alerts summary")!.textContent).toBe("3 more alerts");
  });
});
