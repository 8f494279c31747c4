import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { StatisticsView } from "./StatisticsView";
import type { SystemView } from "../types";

const agent = {
  id: "agent-7",
  name: "Warehouse agent",
  bowtie: { hazard: "H", topEvent: "T", lines: [] },
} as unknown as SystemView;

const step = (count: number, seconds?: number) => ({
  count,
  median: seconds == null ? undefined : `PT${seconds}S`,
  medianSeconds: seconds,
  p90: seconds == null ? undefined : `PT${seconds}S`,
  p90Seconds: seconds,
  max: seconds == null ? undefined : `PT${seconds}S`,
  maxSeconds: seconds,
  waiting: 0,
  never: 0,
});

/** One incident of the agent's, answered in a minute; the fleet the same unless one system was asked for. */
function responseTimes(url: string) {
  const systemId = new URL(url, "http://x").searchParams.get("systemId") ?? undefined;
  const scope = (id?: string) => ({
    systemId: id,
    incidents: 1,
    notAnIncident: 0,
    detect: step(1, 5),
    acknowledge: step(1, 60),
    contain: step(0),
    resolve: step(1, 3600),
    resolvedQuietly: 0,
  });
  return { systemId, asOf: "2026-11-30T00:00:00Z", fleet: scope(), systems: [scope("agent-7")] };
}

describe("the statistics' system filter", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("narrows the barrier figures, the depth of incidents, the response times and the dependence to the system chosen", async () => {
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
                  : path === "/api/statistics/response-times"
                    ? responseTimes(url)
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
    await waitFor(() => expect(asked.filter((u) => u.startsWith("/api/statistics/"))).toHaveLength(4));
    for (const endpoint of ["barriers", "depth", "dependence", "response-times"]) {
      const url = asked.find((u) => u.startsWith(`/api/statistics/${endpoint}?`))!;
      expect(new URL(url, "http://x").searchParams.get("systemId")).toBe("agent-7");
    }
    expect(getByRole("heading", { name: /How far incidents got/ }).textContent).toContain("(Warehouse agent)");
    expect(getByRole("heading", { name: /Response times/ }).textContent).toContain("(Warehouse agent)");
    // the system's own figures, under its name
    const table = await findByRole("table", { name: "Response times" });
    expect(within(table).getByRole("rowheader", { name: /Warehouse agent/ })).toBeTruthy();
    expect(within(table).queryByRole("rowheader", { name: /Whole fleet/ })).toBeNull();

    // the window applies too
    asked.length = 0;
    fireEvent.change(within(window).getByLabelText("From"), { target: { value: "2026-11-02" } });
    await waitFor(() => expect(asked.filter((u) => u.startsWith("/api/statistics/response-times"))).toHaveLength(1));
    const query = new URL(
      asked.find((u) => u.startsWith("/api/statistics/response-times"))!,
      "http://x",
    ).searchParams;
    expect(query.get("from")).toBe(new Date("2026-11-02T00:00:00").toISOString());
    expect(query.get("systemId")).toBe("agent-7");
  });
});
