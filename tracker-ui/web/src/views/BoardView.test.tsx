import { act, fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BoardCardView, BoardView, PAGE_SIZE, ParkedNotice, withPushed } from "./BoardView";
import type { Board, BoardCard, Me, ParkedSummary } from "../types";

const card: BoardCard = {
  systemId: "vision",
  name: "Defect classifier",
  kind: "IMAGE_CLASSIFIER",
  lifecycle: "SHUT_DOWN",
  riskClass: "AGENTIC",
  activityAfterShutdown: true,
  activityWhileSuspended: false,
  classChange: "SPONGE → AGENTIC",
  barrierStates: { "human-review": "DEGRADED" },
  openIncidents: [
    {
      id: "vision.4",
      outcome: "TOP_EVENT",
      margin: 1,
      position: 3,
      pathLength: 5,
      stoppedBy: "off-switch",
      breachedBarriers: ["adversarial-training"],
      openedAt: "2026-11-29T10:00:00Z",
    },
  ],
  openIncidentCount: 1,
  paths: [
    {
      threatLine: "ood",
      consequenceLine: "harm",
      threatLength: 3,
      liveMargin: 1,
      incidentId: "vision.4",
      barriers: [
        {
          id: "adversarial-training",
          name: "Adversarial training",
          category: "ADVERSARIAL_ROBUSTNESS",
          mark: "BREACHED",
        },
        { id: "ood-monitor", name: "OOD detector", category: "ANOMALY_MONITORING", mark: "DETECTED" },
        { id: "abstain", name: "Abstains when uncertain", category: "CUSTOM", mark: "PASSED_SILENTLY" },
        { id: "human-review", name: "Human review", category: "SAFETY_INTERLOCK", mark: "DEGRADED" },
        { id: "off-switch", name: "Model rollback", category: "OFF_SWITCH", mark: "HOLDING" },
      ],
    },
  ],
  lowestMargin: 1,
  alert: true,
  alerts: [
    "1 barrier left on ood → harm (incident vision.4)",
    "incident vision.4 reached the top event",
    "activity after shutdown: the off switch did not hold",
    "class changed: SPONGE → AGENTIC",
  ],
};

describe("a board card", () => {
  it("lists the follow-up actions open past their due date, apart from the alerts", () => {
    const { getByRole } = render(
      <BoardCardView
        card={{
          ...card,
          overdueActions: [
            {
              actionId: "vision.4/a1",
              incidentId: "vision.4",
              title: "Retrain on the new lighting",
              owner: "vision team",
              due: "2026-11-20T23:59:59Z",
            },
          ],
        }}
      />,
    );
    const list = getByRole("list", { name: "Overdue follow-up actions of Defect classifier" });
    expect(list.textContent).toContain("Retrain on the new lighting, owner vision team, due");
    expect(within(list).getByRole("link", { name: "vision.4" }).getAttribute("href")).toBe("#incidents/vision.4");
    expect(within(getByRole("group", { name: "Alerts for Defect classifier" })).queryByText(/Retrain/)).toBeNull();
  });

  it("draws each path's barriers by their marks, with the live margin and the incident that sets it", () => {
    const { container, getByRole } = render(<BoardCardView card={card} />);
    const row = container.querySelector("tr[data-path='ood → harm']")!;
    expect([...row.querySelectorAll("[data-mark]")].map((c) => c.getAttribute("data-mark"))).toEqual([
      "BREACHED",
      "DETECTED",
      "PASSED_SILENTLY",
      "DEGRADED",
      "HOLDING",
    ]);
    expect(row.querySelector("[data-live-margin]")!.textContent).toBe("1 barrier left");
    expect(getByRole("img", { name: "OOD detector: seen, not stopped" })).toBeTruthy();
    expect(getByRole("link", { name: "#4" }).getAttribute("href")).toBe("#incidents/vision.4");
    expect(getByRole("link", { name: "Safety card" }).getAttribute("href")).toBe("#card/vision");
  });

  it("marks where the top event sits on each path, and whether the hazard reached it", () => {
    const { container, getByRole } = render(<BoardCardView card={card} />);
    const chips = [...container.querySelectorAll("tr[data-path='ood → harm'] .chips > *")];
    // after the three preventive barriers, before human review and the rollback
    expect(chips.map((c) => c.getAttribute("data-mark") ?? c.getAttribute("data-top-event"))).toEqual([
      "BREACHED",
      "DETECTED",
      "PASSED_SILENTLY",
      "reached",
      "DEGRADED",
      "HOLDING",
    ]);
    expect(getByRole("img", { name: "top event: reached" })).toBeTruthy();

    const quiet: BoardCard = {
      ...card,
      paths: [
        {
          ...card.paths[0],
          incidentId: undefined,
          liveMargin: 3,
          barriers: card.paths[0].barriers.map((b) => ({
            ...b,
            mark: b.category === "ANOMALY_MONITORING" ? "WATCHING" : "STANDING",
          })),
        },
      ],
    };
    const other = render(<BoardCardView card={quiet} />);
    expect(other.container.querySelector("[data-top-event]")!.getAttribute("data-top-event")).toBe("not-reached");
    expect(other.getByRole("img", { name: "top event" })).toBeTruthy();
  });

  it("says every alert in words, the class change first, and flags activity after shutdown", () => {
    const { getByRole, container } = render(<BoardCardView card={card} />);
    const alerts = within(getByRole("group", { name: "Alerts for Defect classifier" })).getAllByRole("listitem");
    expect(alerts.map((a) => a.textContent)).toEqual([
      "⚠ class changed: SPONGE → AGENTIC",
      "⚠ 1 barrier left on ood → harm (incident vision.4)",
      "⚠ incident vision.4 reached the top event",
      "⚠ activity after shutdown: the off switch did not hold",
    ]);
    expect(container.querySelector("[data-activity-after-shutdown]")!.textContent).toBe("⚠ active after shutdown");
    expect(container.querySelector(".open-incidents")!.textContent).toContain("held by Model rollback");
  });

  it("offers the acknowledgement only to those who may give it, and calls it", async () => {
    const { queryByRole, unmount } = render(<BoardCardView card={card} />);
    expect(queryByRole("button", { name: /Acknowledge/ })).toBeNull();
    unmount();
    const acknowledge = vi.fn(async () => {});
    const { getByRole } = render(<BoardCardView card={card} onAcknowledge={acknowledge} />);
    fireEvent.click(getByRole("button", { name: "Acknowledge the class change of Defect classifier" }));
    await waitFor(() => expect(acknowledge).toHaveBeenCalledWith("vision"));
  });

  it("folds away alerts beyond the first four", () => {
    const busy = {
      ...card,
      classChange: undefined,
      alerts: Array.from(
        { length: 7 },
        (_, i) => `incident vision.${i + 1} is a full failure: past every barrier of a` + " path, or harm reported",
      ),
    };
    const { container } = render(<BoardCardView card={busy} />);
    expect(container.querySelectorAll(".alerts > ul > li")).toHaveLength(4);
    expect(container.querySelector(".alerts summary")!.textContent).toBe("3 more alerts");
  });

  it("counts every open incident, though the server lists only the worst of them", () => {
    const flooded = { ...card, openIncidentCount: 40 };
    const { getByRole } = render(<BoardCardView card={flooded} />);
    const list = getByRole("list", { name: "Open incidents of Defect classifier" });
    expect(within(list).getAllByRole("listitem")).toHaveLength(2);
    expect(within(list).getByRole("link", { name: "39 more…" })).toBeTruthy();
  });
});

const parked: ParkedSummary = {
  total: 3,
  byReadModel: { fleet: 2, "incident-timeline": 1, "operator-board": 0 },
  systems: ["poison-1", "poison-2"],
};

describe("the parked-events notice", () => {
  it("names the systems and read models, and leads an admin to the page", () => {
    const { getByRole } = render(<ParkedNotice parked={parked} admin />);
    const notice = getByRole("status");
    expect(notice.textContent).toContain(
      "3 events could not be applied by the read models (fleet 2, incident-timeline 1)",
    );
    expect(notice.querySelector("[data-parked-systems]")!.textContent).toBe("poison-1, poison-2");
    expect(within(notice).getByRole("link", { name: "See the parked events" }).getAttribute("href")).toBe("#parked");
  });

  it("tells the other roles who can retry them, without a link they could not follow", () => {
    const { getByRole } = render(
      <ParkedNotice parked={{ ...parked, total: 1, byReadModel: { fleet: 1 } }} admin={false} />,
    );
    const notice = getByRole("status");
    expect(notice.textContent).toContain("1 event could not be applied by the read models (fleet 1)");
    expect(notice.textContent).toContain("until it is retried. An admin can retry them on the Parked events page.");
    expect(within(notice).queryByRole("link")).toBeNull();
  });
});

/** A server-sent event stream that stays open and sends what the test pushes. */
function sseStream() {
  let send: (event: string, data: unknown) => void = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      send = (event, data) =>
        controller.enqueue(new TextEncoder().encode(`event:${event}\ndata:${JSON.stringify(data)}\n\n`));
    },
  });
  return { stream, push: (event: string, data: unknown) => send(event, data) };
}

describe("the live board", () => {
  afterEach(() => vi.unstubAllGlobals());

  const admin: Me = { username: "admin", roles: ["ADMIN"] };
  const none: ParkedSummary = { total: 0, byReadModel: { fleet: 0 }, systems: [] };

  /** The board answers once; the stream stays open and sends what the test pushes. */
  function server() {
    const { stream, push } = sseStream();
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) =>
        url.startsWith("/api/board/stream")
          ? ({ ok: true, status: 200, body: stream } as unknown as Response)
          : new Response(JSON.stringify({ systems: [card], parked: none }), {
              headers: { "Content-Type": "application/json" },
            }),
      ),
    );
    return (event: string, data: unknown) => act(() => push(event, data));
  }

  it("raises and lowers the parked-events notice as the stream's parked events say", async () => {
    const push = server();
    const { findByText, queryByRole, findByRole } = render(<BoardView me={admin} />);
    await findByText("Defect classifier");
    expect(queryByRole("status")).toBeNull();

    await push("parked", parked);
    const notice = await findByRole("status");
    expect(notice.getAttribute("data-parked")).toBe("3");
    expect(notice.textContent).toContain("poison-1, poison-2");

    await push("parked", { ...parked, total: 1, byReadModel: { fleet: 1 }, systems: ["poison-2"] });
    await waitFor(() => expect(queryByRole("status")!.textContent).toContain("1 event could not"));
    expect(queryByRole("status")!.textContent).not.toContain("poison-1");

    await push("parked", none);
    await waitFor(() => expect(queryByRole("status")).toBeNull());
  });
});

// a page of cards takes a while to draw in jsdom on a busy machine
describe("a board of many systems", { timeout: 30_000 }, () => {
  afterEach(() => vi.unstubAllGlobals());

  const operator: Me = { username: "operator", roles: ["OPERATOR"] };
  /** A quiet system's card: no alert. */
  const quiet = (id: string): BoardCard => ({
    ...card,
    systemId: id,
    name: `System ${id}`,
    lifecycle: "DEPLOYED",
    activityAfterShutdown: false,
    classChange: undefined,
    barrierStates: {},
    openIncidents: [],
    openIncidentCount: 0,
    paths: [],
    lowestMargin: undefined,
    alert: false,
    alerts: [],
  });
  const fleet = Array.from({ length: PAGE_SIZE + 50 }, (_, i) => quiet(`s${String(i).padStart(3, "0")}`));

  /** The board API in pages over {@code fleet}, in the server's order; the stream sends what the test pushes. */
  function server() {
    const { stream, push } = sseStream();
    const asked: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) => {
        asked.push(url);
        if (url.startsWith("/api/board/stream")) return { ok: true, status: 200, body: stream } as unknown as Response;
        const query = new URL(url, "http://x").searchParams;
        const size = Number(query.get("size"));
        const page = Number(query.get("page") ?? 0);
        const board: Board = {
          systems: fleet.slice(page * size, (page + 1) * size),
          total: fleet.length,
          needingAttention: 0,
          page,
          size,
        };
        return new Response(JSON.stringify(board), { headers: { "Content-Type": "application/json" } });
      }),
    );
    return { push: (event: string, data: unknown) => act(() => push(event, data)), asked };
  }

  const shownIds = (container: HTMLElement) =>
    [...container.querySelectorAll("[data-system]")].map((c) => c.getAttribute("data-system"));

  it("shows the first page, says how many there are, and reads the next page on asking", async () => {
    const { asked } = server();
    const { findByText, getByRole, container } = render(<BoardView me={operator} />);
    await findByText("System s000");
    expect(shownIds(container)).toHaveLength(PAGE_SIZE);
    expect(container.querySelector("[data-board-page]")!.textContent).toBe(
      `Showing ${PAGE_SIZE} of ${PAGE_SIZE + 50} systems, those needing attention first.`,
    );
    expect(asked).toContain(`/api/board?size=${PAGE_SIZE}`);
    expect(asked).toContain(`/api/board/stream?size=${PAGE_SIZE}`);

    fireEvent.click(getByRole("button", { name: "Show 50 more systems" }));

    await findByText("System s249");
    expect(shownIds(container)).toHaveLength(PAGE_SIZE + 50);
    expect(asked).toContain(`/api/board?page=1&size=${PAGE_SIZE}`);
    expect(container.querySelector("[data-board-page]")).toBeNull();
  });

  it("puts a system beyond the first page that starts to need attention first, and leaves a quiet one unread", async () => {
    const { push } = server();
    const { findByText, queryByText, container } = render(<BoardView me={operator} />);
    await findByText("System s000");

    await push("card", { ...quiet("s240"), name: "System s240 changed" });
    await push("card", { ...card, systemId: "s245", name: "System s245 in trouble" });

    await findByText("System s245 in trouble");
    expect(shownIds(container)[0]).toBe("s245");
    expect(queryByText("System s240 changed")).toBeNull();
  });
});

describe("a card pushed on the stream", () => {
  const shown = { a: { ...card, systemId: "a", alert: false } };
  const pushed = (id: string, alert: boolean) => ({ ...card, systemId: id, alert });

  it("replaces the card shown, whatever it says", () => {
    expect(withPushed(shown, pushed("a", true), false).a.alert).toBe(true);
  });

  it("joins the cards shown if it needs attention or the whole board is shown, else waits to be read", () => {
    expect(Object.keys(withPushed(shown, pushed("b", true), false))).toEqual(["a", "b"]);
    expect(Object.keys(withPushed(shown, pushed("b", false), true))).toEqual(["a", "b"]);
    expect(withPushed(shown, pushed("b", false), false)).toBe(shown);
  });
});
