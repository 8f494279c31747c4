import { fireEvent, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { HighRiskDesignation } from "./HighRiskDesignation";
import type { SystemView } from "../types";

const credit = { id: "credit scoring", name: "Credit scoring", highRisk: false } as SystemView;

/** The server's PUT /api/systems/{id}/high-risk: 204, or a refusal as problem details. */
function server(refusal?: { status: number; detail: string }) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      calls.push({ method: init?.method ?? "GET", url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
      if (refusal) {
        return new Response(JSON.stringify({ detail: refusal.detail }), {
          status: refusal.status,
          headers: { "Content-Type": "application/problem+json" },
        });
      }
      return new Response(null, { status: 204 });
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

describe("the EU AI Act designation of a system", () => {
  it("shows a reader the current designation and its basis, and offers no change", () => {
    const designated = { ...credit, highRisk: true, highRiskBasis: "Annex III 5(b)" };
    const { container, queryByRole } = render(<HighRiskDesignation system={designated} canDesignate={false} />);
    const shown = container.querySelector("[data-high-risk]")!;
    expect(shown.getAttribute("data-high-risk")).toBe("true");
    expect(shown.textContent).toContain("High-risk.");
    expect(shown.textContent).toContain("Annex III 5(b)");
    expect(queryByRole("checkbox")).toBeNull();
    expect(queryByRole("button")).toBeNull();
  });

  it("says so when the fleet does not carry the designation", () => {
    const { container } = render(<HighRiskDesignation system={{ ...credit, highRisk: undefined }} canDesignate />);
    expect(container.querySelector("[data-high-risk]")!.getAttribute("data-high-risk")).toBe("unknown");
  });

  it("lets an admin designate a system high-risk with the basis, by its labelled controls", async () => {
    const calls = server();
    const onChanged = vi.fn();
    const { container, getByLabelText, getByRole, findByRole } = render(
      <HighRiskDesignation system={credit} canDesignate onChanged={onChanged} />,
    );
    const save = getByRole("button", { name: "Save designation" });
    expect(save).toHaveProperty("disabled", true); // nothing to change yet
    fireEvent.click(getByLabelText("High-risk system (EU AI Act)"));
    fireEvent.change(getByLabelText("Basis"), { target: { value: "  Annex III 5(b): creditworthiness " } });
    fireEvent.click(getByRole("button", { name: "Save designation" }));

    expect((await findByRole("status")).textContent).toContain("Designated high-risk.");
    expect(calls).toEqual([
      {
        method: "PUT",
        url: "/api/systems/credit%20scoring/high-risk",
        body: { highRisk: true, basis: "Annex III 5(b): creditworthiness" },
      },
    ]);
    expect(onChanged).toHaveBeenCalledWith({ highRisk: true, basis: "Annex III 5(b): creditworthiness" });
    const shown = container.querySelector("[data-high-risk]")!;
    expect(shown.getAttribute("data-high-risk")).toBe("true");
    expect(shown.textContent).toContain("Annex III 5(b): creditworthiness");
  });

  it("lets an admin take the designation back, submitted from the keyboard", async () => {
    const calls = server();
    const designated = { ...credit, highRisk: true, highRiskBasis: "Annex III 5(b)" };
    const { container, getByLabelText, findByRole } = render(<HighRiskDesignation system={designated} canDesignate />);
    const box = getByLabelText("High-risk system (EU AI Act)") as HTMLInputElement;
    expect(box.checked).toBe(true);
    fireEvent.click(box);
    const basis = getByLabelText("Basis");
    fireEvent.change(basis, { target: { value: "scoring moved to a human panel" } });
    fireEvent.submit(basis.closest("form")!); // Enter in the form
    expect((await findByRole("status")).textContent).toContain("No longer designated high-risk.");
    expect(calls[0].body).toEqual({ highRisk: false, basis: "scoring moved to a human panel" });
    expect(container.querySelector("[data-high-risk]")!.getAttribute("data-high-risk")).toBe("false");
  });

  it("asks for the basis before sending anything", async () => {
    const calls = server();
    const { getByLabelText, getByRole, findByRole } = render(<HighRiskDesignation system={credit} canDesignate />);
    fireEvent.click(getByLabelText("High-risk system (EU AI Act)"));
    fireEvent.submit(getByRole("button", { name: "Save designation" }).closest("form")!);
    expect((await findByRole("alert")).textContent).toContain("Give the basis");
    expect(calls).toEqual([]);
  });

  it("shows why the server refused, and keeps the designation it had", async () => {
    server({ status: 403, detail: "forbidden" });
    const { container, getByLabelText, getByRole, findByRole, queryByRole } = render(
      <HighRiskDesignation system={credit} canDesignate />,
    );
    fireEvent.click(getByLabelText("High-risk system (EU AI Act)"));
    fireEvent.change(getByLabelText("Basis"), { target: { value: "Annex III" } });
    fireEvent.click(getByRole("button", { name: "Save designation" }));
    expect((await findByRole("alert")).textContent).toBe("Your role may not do this.");
    await waitFor(() => expect(queryByRole("status")).toBeNull());
    expect(container.querySelector("[data-high-risk]")!.getAttribute("data-high-risk")).toBe("false");
  });

  it("shows the server's own words for a refusal", async () => {
    server({ status: 400, detail: "basis is 4001 characters long; at most 4000 are allowed" });
    const { getByLabelText, getByRole, findByRole } = render(<HighRiskDesignation system={credit} canDesignate />);
    fireEvent.click(getByLabelText("High-risk system (EU AI Act)"));
    fireEvent.change(getByLabelText("Basis"), { target: { value: "x" } });
    fireEvent.click(getByRole("button", { name: "Save designation" }));
    expect((await findByRole("alert")).textContent).toBe("basis is 4001 characters long; at most 4000 are allowed");
  });
});
