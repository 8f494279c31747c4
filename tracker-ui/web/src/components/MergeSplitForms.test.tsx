import { fireEvent, render, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { MergeSplitForms, movableReports } from "./MergeSplitForms";
import { IncidentResponse, describeAct } from "./IncidentResponse";
import type { Incident, ReportView } from "../types";

const at = "2026-11-29T10:00:00Z";
const incident = {
  id: "llm.3",
  systemId: "llm",
  status: "OPEN",
  outcome: "UNDETERMINED",
  breachedBarriers: [],
  paths: [],
  notAnIncident: false,
} as unknown as Incident;
const reports: ReportView[] = [
  { reportId: "r1", type: "BREACHED", barrierId: "deployment-gate", occurredAt: at },
  { reportId: "r2", type: "TRIPPED", barrierId: "output-filter", occurredAt: at },
  { reportId: "r3", type: "TRIPPED", barrierId: "interlock", occurredAt: at, reclassifiedAs: "SPURIOUS_TRIP" },
  { reportId: "r4", type: "BREACHED", barrierId: "sandbox", occurredAt: at, reclassifiedAs: "COMMON_CAUSE" },
  { reportId: "r5#off-switch", type: "SHUTDOWN_FAILED", barrierId: "off-switch", occurredAt: at, inferredFrom: "r5" },
];

describe("merging and splitting incidents", () => {
  it("moves only reports that are still evidence, never the tracker's inference", () => {
    expect(movableReports(reports).map((r) => r.reportId)).toEqual(["r1", "r2", "r4"]);
  });

  it("merges another incident into this one with the reason", async () => {
    const onAct = vi.fn(async () => {});
    const { getByLabelText, getByRole } = render(
      <MergeSplitForms incident={incident} reports={reports} onAct={onAct} />,
    );
    fireEvent.change(getByLabelText("Incident that joins this one"), { target: { value: " llm.4 " } });
    fireEvent.change(getByLabelText("Why they are one"), { target: { value: "one jailbreak, two sessions" } });
    fireEvent.click(getByRole("button", { name: "Merge into this one" }));
    await waitFor(() =>
      expect(onAct).toHaveBeenCalledWith("merge", { incidentId: "llm.4", reason: "one jailbreak, two sessions" }),
    );
  });

  it("splits the ticked reports off, and keeps at least one", async () => {
    const onAct = vi.fn(async () => {});
    const { getByLabelText, getByRole, getByText } = render(
      <MergeSplitForms incident={incident} reports={reports} onAct={onAct} />,
    );
    const split = getByRole("button", { name: "Split off" }) as HTMLButtonElement;
    expect(split.disabled).toBe(true);
    fireEvent.click(getByLabelText(/^r1:/));
    fireEvent.click(getByLabelText(/^r2:/));
    fireEvent.click(getByLabelText(/^r4:/));
    expect(split.disabled).toBe(true);
    expect(getByText("At least one report stays.")).toBeTruthy();
    fireEvent.click(getByLabelText(/^r1:/));
    fireEvent.change(getByLabelText("Why they are another incident"), { target: { value: "another session" } });
    fireEvent.click(split);
    await waitFor(() =>
      expect(onAct).toHaveBeenCalledWith("split", { reportIds: ["r2", "r4"], reason: "another session" }),
    );
  });

  it("says why the server refused", async () => {
    const onAct = vi.fn(async () => {
      throw new Error("incident other.1 belongs to system other, not llm: incidents of two systems are never merged");
    });
    const { getByLabelText, getByRole, findByRole } = render(
      <MergeSplitForms incident={incident} reports={reports} onAct={onAct} />,
    );
    fireEvent.change(getByLabelText("Incident that joins this one"), { target: { value: "other.1" } });
    fireEvent.change(getByLabelText("Why they are one"), { target: { value: "x" } });
    fireEvent.click(getByRole("button", { name: "Merge into this one" }));
    expect((await findByRole("alert")).textContent).toContain("never merged");
  });

  it("shows a merged incident as closed into the one it joined, and both acts in words", () => {
    const merged = { ...incident, status: "MERGED", mergedInto: "llm.1", resolvedBy: "olga", resolvedAt: at };
    const { container } = render(<IncidentResponse incident={merged as Incident} acts={[]} canAct onAct={vi.fn()} />);
    const banner = container.querySelector("[data-merged-into]")!;
    expect(banner.textContent).toContain("Merged into llm.1");
    expect(banner.querySelector("a")!.getAttribute("href")).toBe("#incidents/llm.1");
    expect(container.querySelector("form")).not.toBeNull(); // notes still taken
    expect(container.querySelector("button")!.textContent).toBe("Add note");
    expect(describeAct({ kind: "MERGED_INTO", by: "olga", at, value: "llm.1: one jailbreak" })).toBe(
      "merged into llm.1: one jailbreak",
    );
    expect(describeAct({ kind: "SPLIT_OFF", by: "olga", at, value: "r2, r4 to llm.5: another session" })).toBe(
      "split reports r2, r4 to llm.5: another session",
    );
  });
});
