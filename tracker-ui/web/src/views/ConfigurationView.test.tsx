import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationView } from "./ConfigurationView";
import type { LifecycleAction, Lifecycle, Me, SystemView } from "../types";

const operator: Me = { username: "operator", roles: ["OPERATOR"] };

const system: SystemView = {
  id: "vision",
  name: "Defect classifier",
  kind: "IMAGE_CLASSIFIER",
  owner: "quality",
  lifecycle: "REGISTERED",
  riskProfile: { misalignment: "MEDIUM", optimization: "LOW", influence: "NONE" },
  riskClass: "SPONGE",
  correlationWindow: "PT15M",
  bowtie: {
    hazard: "Misclassification",
    topEvent: "A defect ships",
    lines: [
      {
        id: "ood",
        side: "THREAT",
        name: "Out of distribution",
        barriers: [{ id: "adversarial-training", name: "Adversarial training", category: "ADVERSARIAL_ROBUSTNESS" }],
      },
      {
        id: "harm",
        side: "CONSEQUENCE",
        name: "Harm",
        barriers: [{ id: "human-review", name: "Human review", category: "SAFETY_INTERLOCK" }],
      },
    ],
  },
  barrierVersions: { "adversarial-training": 1, "human-review": 1 },
  barrierStates: {},
  coverageWarnings: [],
  activityAfterShutdown: false,
  activityWhileSuspended: false,
  allowedActions: ["deploy", "decommission"],
};

/** The lifecycle as the server moves it: each action leads to its state, which allows the actions given here. */
const NEXT: Record<string, { to: Lifecycle; allowed: LifecycleAction[] }> = {
  deploy: { to: "DEPLOYED", allowed: ["suspend", "shutdown", "decommission"] },
  suspend: { to: "SUSPENDED", allowed: ["resume", "shutdown", "decommission"] },
};

function server(initial: SystemView) {
  let current = initial;
  const calls: { method: string; url: string }[] = [];
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ method, url });
      if (url === "/api/systems") return json({ items: [current] });
      if (url === "/api/templates") {
        return json({ templates: {}, riskProfiles: {}, categories: [], detectionCategories: ["ANOMALY_MONITORING"] });
      }
      if (url.startsWith("/api/dead-letters")) return json({ items: [], total: 0 });
      if (url.endsWith("/class-change/acknowledge")) {
        current = { ...current, classChange: undefined };
        return new Response(null, { status: 204 });
      }
      if (url.endsWith("/high-risk")) {
        const designation = JSON.parse(String(init?.body));
        current = { ...current, highRisk: designation.highRisk, highRiskBasis: designation.basis };
        return new Response(null, { status: 204 });
      }
      const action = url.slice(url.lastIndexOf("/") + 1);
      current = { ...current, lifecycle: NEXT[action].to, allowedActions: NEXT[action].allowed };
      return new Response(null, { status: 204 });
    }),
  );
  // what production reports do to the system meanwhile, behind the page's back
  const become = (next: SystemView) => {
    current = next;
  };
  return { calls, become };
}

async function open(view: SystemView, me: Me = operator) {
  const { calls, become } = server(view);
  const screen = render(<ConfigurationView me={me} />);
  // an admin also has the registration form's template: the system's select is the one offering the system
  const systems = await waitFor(() => {
    const found = screen
      .getAllByRole("combobox")
      .find((s) => within(s).queryByRole("option", { name: `${view.name} (${view.id})` }));
    if (!found) throw new Error("no system to choose yet");
    return found;
  });
  fireEvent.change(systems, { target: { value: view.id } });
  return { ...screen, calls, become };
}

const buttons = (group: HTMLElement) =>
  within(group)
    .queryAllByRole("button")
    .map((b) => b.textContent);

describe("the configuration of one system", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  it("shows a barrier a production report took out of service while the page is open", async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { container, become } = await open({ ...system, lifecycle: "DEPLOYED" });
    expect(container.querySelector("[data-states='all-in-service']")).not.toBeNull();

    become({ ...system, lifecycle: "DEPLOYED", barrierStates: { "human-review": "DEGRADED" } });
    await vi.advanceTimersByTimeAsync(3000);

    await waitFor(() => expect(container.querySelector("[data-barrier-state='human-review']")).not.toBeNull());
    expect(container.querySelector("[data-barrier-state='human-review']")?.textContent).toContain("Human review");
  });

  it("offers only the lifecycle actions the system would accept, and the next ones after each", async () => {
    const { getByRole, calls } = await open(system);
    const lifecycle = getByRole("group", { name: "Lifecycle" });
    expect(buttons(lifecycle)).toEqual(["Deploy", "Decommission"]);

    fireEvent.click(within(lifecycle).getByRole("button", { name: "Deploy" }));
    await waitFor(() =>
      expect(buttons(getByRole("group", { name: "Lifecycle" }))).toEqual(["Suspend", "Shut down", "Decommission"]),
    );
    expect(calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual(["/api/systems/vision/deploy"]);

    fireEvent.click(within(getByRole("group", { name: "Lifecycle" })).getByRole("button", { name: "Suspend" }));
    await waitFor(() =>
      expect(buttons(getByRole("group", { name: "Lifecycle" }))).toEqual(["Resume", "Shut down", "Decommission"]),
    );
  });

  it("says a decommissioned system has no action left", async () => {
    const { getByRole } = await open({ ...system, lifecycle: "DECOMMISSIONED", allowedActions: [] });
    const lifecycle = getByRole("group", { name: "Lifecycle" });
    expect(buttons(lifecycle)).toEqual([]);
    expect(lifecycle.textContent).toBe("No lifecycle action: a decommissioned system stays so.");
  });

  it("shows a class change waiting for acknowledgement from the system itself, and clears it once acknowledged", async () => {
    const { container, calls } = await open({ ...system, riskClass: "AGENTIC", classChange: "SPONGE → AGENTIC" });
    const banner = container.querySelector("[data-class-change]") as HTMLElement;
    expect(banner.getAttribute("data-class-change")).toBe("SPONGE → AGENTIC");
    expect(banner.textContent).toContain("Class changed: SPONGE → AGENTIC.");
    fireEvent.click(within(banner).getByRole("button", { name: "Acknowledge" }));
    await waitFor(() => expect(container.querySelector("[data-class-change]")).toBeNull());
    expect(calls.map((c) => c.url)).toContain("/api/systems/vision/class-change/acknowledge");
    // the system says it all: the board is not asked
    expect(calls.some((c) => c.url.startsWith("/api/board"))).toBe(false);
  });

  it("does not offer the acknowledgement to an analyst", async () => {
    const { container } = await open(
      { ...system, classChange: "SPONGE → AGENTIC" },
      { username: "analyst", roles: ["ANALYST"] },
    );
    const banner = container.querySelector("[data-class-change]") as HTMLElement;
    expect(within(banner).queryByRole("button")).toBeNull();
  });

  it("lets an admin designate the system high-risk with the basis, and shows the fleet's designation after", async () => {
    const { container, getByLabelText, getByRole, calls } = await open(
      { ...system, highRisk: false },
      { username: "admin", roles: ["ADMIN"] },
    );
    expect(container.querySelector("[data-high-risk]")!.getAttribute("data-high-risk")).toBe("false");
    fireEvent.click(getByLabelText("High-risk system (EU AI Act)"));
    fireEvent.change(getByLabelText("Basis"), { target: { value: "Annex III 2: safety component" } });
    fireEvent.click(getByRole("button", { name: "Save designation" }));
    await waitFor(() =>
      expect(container.querySelector("[data-high-risk]")!.getAttribute("data-high-risk")).toBe("true"),
    );
    expect(calls.filter((c) => c.method === "PUT").map((c) => c.url)).toEqual(["/api/systems/vision/high-risk"]);
    expect(container.querySelector("[data-high-risk]")!.textContent).toContain("Annex III 2: safety component");
  });

  it("shows an operator whether the system is high-risk, without a way to change it", async () => {
    const { container, queryByLabelText } = await open({ ...system, highRisk: true, highRiskBasis: "Annex III 2" });
    expect(container.querySelector("[data-high-risk]")!.textContent).toContain("High-risk.");
    expect(queryByLabelText("High-risk system (EU AI Act)")).toBeNull();
  });
});
