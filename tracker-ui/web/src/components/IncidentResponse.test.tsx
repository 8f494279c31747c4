import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { IncidentResponse, describeAct } from "./IncidentResponse";
import type { Incident, ResponseAct } from "../types";

const incident = {
  id: "llm.3",
  systemId: "llm",
  status: "OPEN",
  outcome: "TOP_EVENT",
  breachedBarriers: ["deployment-gate"],
  breachedCount: 1,
  pathLength: 5,
  position: 2,
  margin: 3,
  barriersPassed: 2,
  topEventReached: true,
  harmReported: false,
  path: [],
  threatLength: 2,
  silentlyPassed: [],
  detectedBy: [],
  paths: [],
  activityAfterShutdown: false,
  reportCount: 2,
  openedAt: "2026-11-29T10:00:00Z",
  lastReportAt: "2026-11-29T10:01:00Z",
  notAnIncident: false,
} as Incident;

const acts: ResponseAct[] = [
  { kind: "ACKNOWLEDGED", by: "operator", at: "2026-11-29T10:02:00Z" },
  { kind: "ASSIGNED", by: "analyst", at: "2026-11-29T10:03:00Z", value: "on-call" },
  { kind: "ASSIGNED", by: "admin", at: "2026-11-29T10:04:00Z", value: "arne", previous: "on-call" },
  { kind: "SEVERITY_CHANGED", by: "analyst", at: "2026-11-29T10:05:00Z", value: "SEV2", previous: "SEV3" },
  { kind: "NOTE_ADDED", by: "analyst", at: "2026-11-29T10:06:00Z", value: "rules not deployed" },
];

describe("incident response", () => {
  it("offers every act of an open incident to those who may act, and posts what was entered", async () => {
    const onAct = vi.fn(async () => {});
    const { getByRole, getByLabelText } = render(
      <IncidentResponse incident={incident} acts={[]} canAct onAct={onAct} />,
    );
    fireEvent.click(getByRole("button", { name: "Acknowledge" }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith("acknowledge", undefined));

    fireEvent.change(getByLabelText("Assign to"), { target: { value: "llm safety on-call" } });
    fireEvent.click(getByRole("button", { name: "Assign" }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith("assign", { assignee: "llm safety on-call" }));

    fireEvent.change(getByLabelText("Severity"), { target: { value: "SEV1" } });
    fireEvent.click(getByRole("button", { name: "Set severity" }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith("severity", { severity: "SEV1" }));

    fireEvent.change(getByLabelText("Note"), { target: { value: "looking" } });
    fireEvent.click(getByRole("button", { name: "Add note" }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith("notes", { text: "looking" }));

    fireEvent.change(getByLabelText("Why it is not an incident"), { target: { value: "a drill" } });
    fireEvent.click(getByRole("button", { name: "Mark not an incident" }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith("not-an-incident", { reason: "a drill" }));
  });

  it("shows where the response stands and what people did, in order and in words", () => {
    const done = {
      ...incident,
      acknowledgedBy: "operator",
      acknowledgedAt: "2026-11-29T10:02:00Z",
      assignee: "arne",
      severity: "SEV2",
    } as Incident;
    const { container, getByRole, queryByRole } = render(
      <IncidentResponse incident={done} acts={acts} canAct onAct={async () => {}} />,
    );
    expect(container.querySelector("[data-acknowledged]")!.textContent).toContain("by operator");
    expect(container.querySelector("[data-assignee]")!.textContent).toBe("arne");
    expect(container.querySelector("[data-severity]")!.textContent).toBe("SEV2");
    expect(queryByRole("button", { name: "Acknowledge" })).toBeNull(); // once
    const lines = within(getByRole("list", { name: "What people did" })).getAllByRole("listitem");
    expect(lines.map((l) => l.textContent!.replace(/^.* · /, ""))).toEqual([
      "operator acknowledged",
      "analyst assigned to on-call",
      "admin reassigned from on-call to arne",
      "analyst severity SEV3 → SEV2",
      "analyst note: rules not deployed",
    ]);
  });

  it("takes only notes once the incident is closed, and nothing from those who may not act", () => {
    const none = {
      ...incident,
      status: "NOT_AN_INCIDENT",
      notAnIncident: true,
      notAnIncidentReason: "red-team drill",
      resolvedBy: "operator",
    } as Incident;
    const { container, queryByRole, getByRole, unmount } = render(
      <IncidentResponse incident={none} acts={[]} canAct onAct={async () => {}} />,
    );
    expect(container.querySelector("[data-not-an-incident]")!.textContent).toContain("red-team drill");
    expect(getByRole("button", { name: "Add note" })).toBeTruthy();
    for (const name of ["Acknowledge", "Assign", "Set severity", "Mark not an incident"]) {
      expect(queryByRole("button", { name })).toBeNull();
    }
    unmount();
    const reader = render(<IncidentResponse incident={incident} acts={acts} canAct={false} onAct={async () => {}} />);
    expect(reader.queryAllByRole("button")).toHaveLength(0);
  });

  it("says why an act was refused", async () => {
    const onAct = vi.fn(async () => {
      throw new Error("incident llm.3 was already acknowledged by operator");
    });
    const { getByRole } = render(<IncidentResponse incident={incident} acts={[]} canAct onAct={onAct} />);
    fireEvent.click(getByRole("button", { name: "Acknowledge" }));
    await waitFor(() => expect(getByRole("alert").textContent).toContain("already acknowledged by operator"));
  });

  it("offers to unassign an assigned incident and says who had it", async () => {
    const onAct = vi.fn(async () => {});
    const { getByRole } = render(
      <IncidentResponse incident={{ ...incident, assignee: "arne" }} acts={[]} canAct onAct={onAct} />,
    );
    fireEvent.click(getByRole("button", { name: "Unassign" }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith("unassign", undefined));
    expect(describeAct({ kind: "UNASSIGNED", by: "o", at: "", previous: "arne" })).toBe("unassigned (was arne)");
  });

  it("describes follow-up actions in the timeline", () => {
    expect(describeAct({ kind: "ACTION_OVERDUE", by: "tracker", at: "", value: "llm.3/a1: retrain (owner ops)" })).toBe(
      "follow-up action overdue, llm.3/a1: retrain (owner ops)",
    );
  });

  it("describes a closing as no incident with its reason", () => {
    expect(describeAct({ kind: "MARKED_NOT_AN_INCIDENT", by: "o", at: "", value: "a drill" })).toBe(
      "marked not an incident: a drill",
    );
  });
});
