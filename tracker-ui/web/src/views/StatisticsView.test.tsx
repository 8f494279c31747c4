import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { GROUPS_PAGE, StatisticsView } from "./StatisticsView";
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

// --- the figures of DESIGN §5, each in its cell ----------------------------------------------------------------------

const plant = {
  id: "agent-7",
  name: "Warehouse agent",
  bowtie: {
    hazard: "H",
    topEvent: "T",
    lines: [
      {
        id: "t",
        side: "THREAT",
        name: "Threat",
        barriers: [
          { id: "interlock", name: "Interlock", category: "SAFETY_INTERLOCK" },
          { id: "monitor", name: "Monitor", category: "ANOMALY_MONITORING" },
          { id: "gate", name: "Gate", category: "CUSTOM" },
        ],
      },
    ],
  },
} as unknown as SystemView;

const interval = (lower: number, upper: number) => ({ lower, upper });
const week = (weekStart: string, demands: number, failures: number) => ({ weekStart, demands, failures });

/**
 * Three barriers with figures worked out by hand (SciPy's in the comments), as GET /api/statistics/barriers gives them.
 * hoursSinceLast is measured by the API to the window's end, or to now without one.
 */
function barriers(to: string | null) {
  return {
    groupBy: "barrier",
    to: to ?? undefined,
    groups: [
      {
        // D = 100, F = 0: (0 + 0.5) / 101; scipy.stats.beta.ppf(0.95, 0.5, 100.5) = 0.01897688770307349,
        // RRF 1 / that = 52.69567990530082, SIL 1 ([1e-2, 1e-1))
        key: "agent-7/interlock",
        systemId: "agent-7",
        barrierId: "interlock",
        name: "Interlock",
        category: "SAFETY_INTERLOCK",
        acting: true,
        removed: false,
        demands: 100,
        failures: 0,
        silentPasses: 2,
        pfd: {
          demands: 100,
          failures: 0,
          estimate: 0.0049504950495049506,
          interval95: interval(0, 0.02474527001526989),
          upper95: 0.01897688770307349,
          riskReductionFactor: 52.69567990530082,
          sil: "SIL_1",
        },
        weeklyTrend: [week("2026-11-02", 40, 0), week("2026-11-09", 30, 0), week("2026-11-16", 30, 0)],
        trend: { status: "WORSENING", statistic: 2.1, pValue: 0.018 },
        proofTests: { count: 3, failures: 1, last: "2026-11-20T09:00:00Z", hoursSinceLast: 72 },
      },
      {
        // D = 5000, F = 1: scipy.stats.beta.ppf(0.95, 1.5, 4999.5) = 0.0007812065692274056,
        // RRF 1280.0711609337538, SIL 3 ([1e-4, 1e-3))
        key: "agent-7/monitor",
        systemId: "agent-7",
        barrierId: "monitor",
        name: "Monitor",
        category: "ANOMALY_MONITORING",
        acting: false,
        removed: false,
        demands: 5000,
        failures: 1,
        silentPasses: 0,
        pfd: {
          demands: 5000,
          failures: 1,
          estimate: 0.00029994001199760045,
          interval95: interval(2.1580374480027625e-5, 0.0009344502395922798),
          upper95: 0.0007812065692274056,
          riskReductionFactor: 1280.0711609337538,
          sil: "SIL_3",
        },
        weeklyTrend: [week("2026-11-02", 2000, 1), week("2026-11-09", 1500, 0), week("2026-11-16", 1500, 0)],
        trend: { status: "NOT_WORSENING", statistic: -0.25, pValue: 0.6 },
        proofTests: { count: 1, failures: 0, last: "2026-11-22T19:00:00Z", hoursSinceLast: 5 },
      },
      {
        // D = 3, F = 1: scipy.stats.beta.ppf(0.95, 1.5, 2.5) = 0.76446596, RRF 1.308, above 1e-1: no SIL
        key: "agent-7/gate",
        systemId: "agent-7",
        barrierId: "gate",
        name: "Gate",
        category: "CUSTOM",
        acting: true,
        removed: false,
        demands: 3,
        failures: 1,
        silentPasses: 1,
        pfd: {
          demands: 3,
          failures: 1,
          estimate: 0.375,
          interval95: interval(0.03874762, 0.8232639),
          upper95: 0.76446596,
          riskReductionFactor: 1 / 0.76446596,
          sil: "NONE",
        },
        weeklyTrend: [week("2026-11-16", 3, 1)],
        trend: { status: "NOT_ENOUGH_DATA" },
        proofTests: { count: 0, failures: 0 },
      },
    ],
  };
}

/**
 * Two pairs tested, so BH gives q = p · 2 / rank (monotone). Interlock then monitor, [[5, 0], [0, 5]]:
 * scipy.stats.fisher_exact(..., alternative='greater').pvalue = 0.003968253968253969, q = 0.007936507936507938;
 * with a zero cell 0.5 is added to every cell: lift (5.5/6)/(0.5/6) = 11, Katz interval 0.766 – 158.0; β = 5/5.
 * Interlock then gate, [[2, 3], [2, 8]]: p = 0.4065934065934065 = q; lift (2/5)/(2/10) = 2 (0.388 – 10.31); β = 2/4.
 */
const dependence = {
  paths: [],
  pairs: [
    {
      systemId: "agent-7",
      first: "interlock",
      second: "gate",
      dependence: {
        table: { a: 2, b: 3, c: 2, d: 8 },
        pValue: 0.4065934065934065,
        lift: 2,
        liftInterval: interval(0.38802855808671893, 10.308519609286222),
        liftCorrected: false,
        betaFactor: 0.5,
      },
      qValue: 0.4065934065934065,
      holesLineUp: false,
    },
    {
      systemId: "agent-7",
      first: "interlock",
      second: "monitor",
      dependence: {
        table: { a: 5, b: 0, c: 0, d: 5 },
        pValue: 0.003968253968253969,
        lift: 11,
        liftInterval: interval(0.7657863422428126, 158.00751897143888),
        liftCorrected: true,
        betaFactor: 1,
      },
      qValue: 0.007936507936507938,
      holesLineUp: true,
    },
  ],
};

function stubApi() {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      const path = url.split("?")[0];
      const body =
        path === "/api/systems"
          ? { items: [plant] }
          : path === "/api/templates"
            ? { templates: {}, riskProfiles: {}, categories: [], detectionCategories: [] }
            : path === "/api/statistics/barriers"
              ? barriers(new URL(url, "http://x").searchParams.get("to"))
              : path === "/api/statistics/depth"
                ? { fleet: {}, bySystem: {}, byOutcome: {} }
                : path === "/api/statistics/response-times"
                  ? responseTimes(url)
                  : dependence;
      return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
    }),
  );
}

/** A row of a table as header → cell text, the row's own header included. */
function cells(table: HTMLElement, row: Element): Record<string, string> {
  const headers = [...table.querySelectorAll("thead th")].map((th) => th.textContent ?? "");
  const result: Record<string, string> = {};
  [...row.children].forEach((cell, i) => {
    result[headers[i]] = cell.textContent ?? "";
  });
  return result;
}

const manager = { username: "manager", roles: ["MANAGER"] };

describe("the statistics' figures", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("shows per barrier the upper bound, the risk reduction and SIL band from it, silent passes, proof tests and the trend flag", async () => {
    stubApi();
    const { findByRole } = render(<StatisticsView me={manager} />);
    const table = await findByRole("table", { name: "Barrier statistics" });
    const row = (key: string) => table.querySelector(`tr[data-group="${key}"]`)!;

    const interlock = cells(table, row("agent-7/interlock"));
    expect(interlock).toMatchObject({
      D: "100",
      F: "0",
      S: "2",
      PFD: "0.005",
      "95% interval": "0 – 0.025",
      "upper 95%": "0.019",
      RRF: "×52.7",
      SIL: "SIL 1",
      Trend: "▲ worsening (p 0.018)",
    });
    expect(interlock["Proof tests"]).toBe(
      `3, 1 failed · last ${new Date("2026-11-20T09:00:00Z").toLocaleString()}, 3.0 d ago`,
    );
    // a worsening barrier is flagged: the whole row stands out
    expect(row("agent-7/interlock").className).toBe("worsening");

    const monitor = cells(table, row("agent-7/monitor"));
    expect(monitor).toMatchObject({
      D: "5000",
      F: "1",
      S: "0",
      "upper 95%": "7.8e-4",
      RRF: "×1,280",
      SIL: "SIL 3",
      Trend: "not worsening (p 0.6)",
    });
    expect(monitor["Proof tests"]).toBe(
      `1, 0 failed · last ${new Date("2026-11-22T19:00:00Z").toLocaleString()}, 5.0 h ago`,
    );
    expect(row("agent-7/monitor").className).toBe("");

    const gate = cells(table, row("agent-7/gate"));
    expect(gate).toMatchObject({
      S: "1",
      "upper 95%": "0.76",
      RRF: "×1.3",
      SIL: "no SIL",
      Trend: "not enough data",
      "Proof tests": "none",
    });
  });

  it("says the time since the last proof test is to the window's end when the window ended before today", async () => {
    stubApi();
    const { findByRole } = render(<StatisticsView me={manager} />);
    const window = await findByRole("form", { name: "Time window and grouping" });
    fireEvent.change(within(window).getByLabelText("From"), { target: { value: "2026-11-01" } });
    fireEvent.change(within(window).getByLabelText("To"), { target: { value: "2026-11-23" } });
    await waitFor(async () => {
      const table = await findByRole("table", { name: "Barrier statistics" });
      const row = table.querySelector('tr[data-group="agent-7/interlock"]')!;
      expect(cells(table, row)["Proof tests"]).toBe(
        `3, 1 failed · last ${new Date("2026-11-20T09:00:00Z").toLocaleString()}, 3.0 d before the window's end`,
      );
    });
  });

  it("shows per pair the Benjamini–Hochberg q-value and the β-factor, and flags holes that line up", async () => {
    stubApi();
    const { findByRole } = render(<StatisticsView me={manager} />);
    const table = await findByRole("table", { name: "Pairs of barriers" });
    await within(table).findAllByText("Interlock");
    const rows = [...table.querySelectorAll("tbody tr")];
    // the most significant pair first
    const [lined, apart] = rows.map((r) => cells(table, r));
    expect(lined).toMatchObject({
      "When this failed": "Interlock",
      "…this failed": "Monitor",
      Incidents: "10",
      p: "0.004",
      q: "0.0079",
      "Lift (95% interval)": "×11.00 (0.77 – 158.01) *",
      β: "100%",
      "": "⚠ holes line up",
    });
    expect(rows[0].className).toBe("worsening");
    expect(apart).toMatchObject({
      "When this failed": "Interlock",
      "…this failed": "Gate",
      Incidents: "15",
      p: "0.41",
      q: "0.41",
      "Lift (95% interval)": "×2.00 (0.39 – 10.31)",
      β: "50%",
      "": "",
    });
    expect(rows[1].className).toBe("");
  });
});

describe("the statistics of a large fleet", { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  it("reads the most demanded groups a page at a time and adds the next page on asking", async () => {
    const template = barriers(null).groups[0];
    // the server's order: the most demanded first
    const all = Array.from({ length: GROUPS_PAGE + 3 }, (_, i) => ({
      ...template,
      key: `s${i}/interlock`,
      systemId: `s${i}`,
      name: `Interlock ${i}`,
      demands: GROUPS_PAGE + 3 - i,
    }));
    const asked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        asked.push(url);
        const path = url.split("?")[0];
        const query = new URL(url, "http://x").searchParams;
        const page = Number(query.get("page") ?? 0);
        const size = Number(query.get("size"));
        const body =
          path === "/api/systems"
            ? { items: [] }
            : path === "/api/templates"
              ? { templates: {}, riskProfiles: {}, categories: [], detectionCategories: [] }
              : path === "/api/statistics/barriers"
                ? {
                    groupBy: "barrier",
                    groups: all.slice(page * size, (page + 1) * size),
                    total: all.length,
                    page,
                    size,
                  }
                : path === "/api/statistics/depth"
                  ? { fleet: {}, bySystem: {}, byOutcome: {} }
                  : path === "/api/statistics/response-times"
                    ? responseTimes(url)
                    : { paths: [], pairs: [] };
        return new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
      }),
    );
    const { findByRole, container } = render(<StatisticsView me={manager} />);
    await findByRole("table", { name: "Barrier statistics" });
    expect(container.querySelectorAll("tr[data-group]")).toHaveLength(GROUPS_PAGE);
    expect(container.querySelector("[data-groups-page]")!.textContent).toContain(
      `Showing the ${GROUPS_PAGE} most demanded of ${GROUPS_PAGE + 3} groups.`,
    );
    expect(
      new URL(
        asked.find((u) => u.startsWith("/api/statistics/barriers"))!,
        "http://x",
      ).searchParams.get("size"),
    ).toBe(String(GROUPS_PAGE));

    fireEvent.click(await findByRole("button", { name: "Show 3 more" }));

    await waitFor(() => expect(container.querySelectorAll("tr[data-group]")).toHaveLength(GROUPS_PAGE + 3));
    const next = new URL(asked.filter((u) => u.startsWith("/api/statistics/barriers")).at(-1)!, "http://x");
    expect(next.searchParams.get("page")).toBe("1");
    expect(container.querySelector("[data-groups-page]")).toBeNull();
    expect(container.querySelector("tr[data-group='s202/interlock']")).not.toBeNull();
  });
});
