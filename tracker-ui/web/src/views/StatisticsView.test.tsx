import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StatisticsView } from "./StatisticsView";
import type { SystemView } from "../types";

const agent = {
  id: "agent-7",
  name: "Warehouse agent",
  bowtie: { hazard: "H", topEvent: "T", lines: [] },
} as unknown as SystemView;

describe("the statistics' system filter", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("narrows the barrier figures, the depth of incidents and the dependence to the system chosen", async () => {
    const asked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        asked.push(url);
        const path = url.split("?")[0];
        const body =
          path === "/api/systems"
            ? { items: [agent] }
            : path === "/api/templates"
              ? { templates: {}, riskProfiles: {}, categories: [], detectionCategories: [] }
              : path === "/api/statistics/barriers"
                ? { groupBy: "barrier", groups: [] }
                : path === "/api/statistics/depth"
                  ? { fleet: {}, bySystem: {}, byOutcome: {} }
                  : { paths: [], pairs: [] };
        return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
      }),
    );
    const { findByRole, getByRole } = render(<StatisticsView me={{ username: "manager", roles: ["MANAGER"] }} />);
    const window = await findByRole("form", { name: "Time window and grouping" });
    await within(window).findByRole("option", { name: "Warehouse agent" });
    expect(asked.filter((u) => u.startsWith("/api/statistics/depth"))).toEqual(["/api/statistics/depth?"]);

    asked.length = 0;
    fireEvent.change(within(window).getByLabelText("System"), { target: { value: "agent-7" } });
    await waitFor(() => expect(asked.filter((u) => u.startsWith("/api/statistics/"))).toHaveLength(3));
    for (const endpoint of ["barriers", "depth", "dependence"]) {
      const url = asked.find((u) => u.startsWith(`/api/statistics/${endpoint}?`))!;
      expect(new URL(url, "http://x").searchParams.get("systemId")).toBe("agent-7");
    }
    expect(getByRole("heading", { name: /How far incidents got/ }).textContent).toContain("(Warehouse agent)");
  });
});
