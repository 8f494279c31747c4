import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ResolveForm } from "./IncidentsView";

describe("resolving with a postmortem", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("sends how each breached barrier failed and what harm was done, with the summary", async () => {
    const calls: { url: string; body: unknown }[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string, init?: RequestInit) => {
        calls.push({ url, body: JSON.parse(init!.body as string) });
        return new Response(null, { status: 204 });
      }),
    );
    const resolved = vi.fn();
    const { getByLabelText, getByRole } = render(
      <ResolveForm
        id="llm.3"
        breached={[
          { id: "deployment-gate", name: "Deployment gate" },
          { id: "output-filter", name: "Output filter" },
        ]}
        onResolved={resolved}
      />,
    );
    fireEvent.change(getByLabelText("Summary"), { target: { value: "the gate let an untested model through" } });
    const modes = getByRole("group", { name: "How each breached barrier failed" });
    fireEvent.change(within(modes).getByLabelText("Deployment gate"), { target: { value: "MISSING" } });
    const harm = getByRole("group", { name: "Harm (OECD)" });
    fireEvent.change(within(harm).getByLabelText("Severity"), { target: { value: "INCIDENT" } });
    fireEvent.click(within(harm).getByLabelText("reputational"));
    fireEvent.click(within(harm).getByLabelText("consumers"));
    fireEvent.click(getByRole("button", { name: "Resolve" }));
    await waitFor(() => expect(resolved).toHaveBeenCalled());
    expect(calls).toEqual([
      {
        url: "/api/incidents/llm.3/resolve",
        body: {
          summary: "the gate let an untested model through",
          contributingFactors: [],
          actionItems: [],
          failureModes: { "deployment-gate": "MISSING" },
          harm: { types: ["REPUTATIONAL"], severity: "INCIDENT", stakeholders: ["CONSUMERS"] },
        },
      },
    ]);
  });
});
