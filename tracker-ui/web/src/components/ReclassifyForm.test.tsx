import { fireEvent, render, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { ReclassifyForm, classesFor } from "./ReclassifyForm";
import type { ReportView } from "../types";

const at = "2026-11-29T10:00:00Z";
const reports: ReportView[] = [
  { reportId: "r1", type: "BREACHED", barrierId: "deployment-gate", occurredAt: at },
  { reportId: "r2", type: "TRIPPED", barrierId: "output-filter", occurredAt: at },
  { reportId: "r3", type: "TRIPPED", barrierId: "interlock", occurredAt: at, reclassifiedAs: "SPURIOUS_TRIP" },
  { reportId: "r4#off-switch", type: "SHUTDOWN_FAILED", barrierId: "off-switch", occurredAt: at, inferredFrom: "r4" },
];

describe("reclassifying a report", () => {
  it("offers only the classes that fit the report, as the server checks them", () => {
    expect(classesFor("TRIPPED")).toEqual(["SPURIOUS_TRIP", "PROOF_TEST", "NOT_APPLICABLE"]);
    expect(classesFor("BREACHED")).toEqual(["PROOF_TEST", "NOT_APPLICABLE", "COMMON_CAUSE"]);
    expect(classesFor("HARM_REPORTED")).toEqual(["NOT_APPLICABLE"]);
    expect(classesFor("SHUTDOWN_COMPLETED")).toEqual([]);
  });

  it("lists the reports not yet reclassified, not the tracker's inferred failure, and posts the choice", async () => {
    const onReclassify = vi.fn(async () => {});
    const { getByLabelText, getByRole } = render(<ReclassifyForm reports={reports} onReclassify={onReclassify} />);
    const report = getByLabelText("Report") as HTMLSelectElement;
    expect([...report.options].map((o) => o.value)).toEqual(["r1", "r2"]);
    fireEvent.change(report, { target: { value: "r2" } });
    const klass = getByLabelText("It was") as HTMLSelectElement;
    expect([...klass.options].map((o) => o.textContent)).toEqual(["spurious trip", "proof test", "not applicable"]);
    fireEvent.change(getByLabelText("Why"), { target: { value: "the filter was being load-tested" } });
    fireEvent.click(getByRole("button", { name: "Reclassify" }));
    await waitFor(() =>
      expect(onReclassify).toHaveBeenCalledWith("r2", {
        as: "SPURIOUS_TRIP",
        reason: "the filter was being load-tested",
      }),
    );
  });

  it("offers the next report once the one picked was reclassified, with the classes that fit it", () => {
    const onReclassify = vi.fn(async () => {});
    const { getByLabelText, rerender } = render(<ReclassifyForm reports={reports} onReclassify={onReclassify} />);
    fireEvent.change(getByLabelText("Report"), { target: { value: "r2" } });
    const after = reports.map((r) => (r.reportId === "r2" ? { ...r, reclassifiedAs: "SPURIOUS_TRIP" as const } : r));
    rerender(<ReclassifyForm reports={after} onReclassify={onReclassify} />);
    expect((getByLabelText("Report") as HTMLSelectElement).value).toBe("r1");
    const klass = getByLabelText("It was") as HTMLSelectElement;
    expect([...klass.options].map((o) => o.value)).toEqual(["PROOF_TEST", "NOT_APPLICABLE", "COMMON_CAUSE"]);
  });

  it("says why the server refused", async () => {
    const onReclassify = vi.fn(async () => {
      throw new Error("report r1 is the only evidence of incident llm.1; mark the incident not an incident instead");
    });
    const { getByLabelText, getByRole, findByRole } = render(
      <ReclassifyForm reports={reports} onReclassify={onReclassify} />,
    );
    fireEvent.change(getByLabelText("Why"), { target: { value: "misrouted" } });
    fireEvent.click(getByRole("button", { name: "Reclassify" }));
    expect((await findByRole("alert")).textContent).toContain("only evidence");
  });
});
