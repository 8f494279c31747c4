import { fireEvent, render, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { SeriousIncidentPanel } from "./SeriousIncidentPanel";
import type { Incident } from "../types";

const incident = { id: "credit.4", status: "OPEN" } as Incident;

describe("the Article 73 clock of an incident", () => {
  it("lets an analyst declare a serious incident of a kind", async () => {
    const onAct = vi.fn(async () => {});
    const { getByLabelText, getByRole } = render(<SeriousIncidentPanel incident={incident} canAct onAct={onAct} />);
    fireEvent.change(getByLabelText("Kind"), { target: { value: "DEATH" } });
    fireEvent.click(getByRole("button", { name: "Declare serious incident" }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith("serious-incident", { kind: "DEATH" }));
  });

  it("says when the report is due, or that it is overdue, and records its reference", async () => {
    const onAct = vi.fn(async () => {});
    const overdue = {
      ...incident,
      seriousIncident: { kind: "GENERAL", awareAt: "2026-11-01T08:00:00Z", due: "2026-11-16T08:00:00Z", overdue: true },
    } as Incident;
    const { container, getByLabelText, getByRole } = render(
      <SeriousIncidentPanel incident={overdue} canAct onAct={onAct} />,
    );
    expect(container.querySelector("[data-serious='overdue']")!.textContent).toContain("report overdue since");
    fireEvent.change(getByLabelText("Authority's reference"), { target: { value: "MSA-2026-7" } });
    fireEvent.click(getByRole("button", { name: "Record report" }));
    await waitFor(() => expect(onAct).toHaveBeenCalledWith("serious-incident/report", { reference: "MSA-2026-7" }));
  });

  it("shows nothing to a reader of an incident that was not declared", () => {
    const { container } = render(<SeriousIncidentPanel incident={incident} canAct={false} onAct={async () => {}} />);
    expect(container.textContent).toBe("");
  });

  it("says why the server refused", async () => {
    const onAct = vi.fn(async () => {
      throw new Error("system credit is not designated high-risk; its incidents have no Article 73 reporting clock");
    });
    const { getByRole, findByRole } = render(<SeriousIncidentPanel incident={incident} canAct onAct={onAct} />);
    fireEvent.click(getByRole("button", { name: "Declare serious incident" }));
    expect((await findByRole("alert")).textContent).toContain("not designated high-risk");
  });
});
