import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { ParkedEventsView } from "./ParkedEventsView";
import type { ParkedEvent, ParkedList } from "../types";

const registered: ParkedEvent = {
  readModel: "fleet",
  id: "dl-1",
  systemId: "poison-1",
  index: 0,
  eventType: "SystemRegistered",
  eventId: "e-1",
  sequence: 0,
  occurredAt: "2026-11-29T10:00:00Z",
  parkedAt: "2026-11-29T10:00:01Z",
  lastTried: "2026-11-29T10:05:00Z",
  causeType: "org.springframework.dao.DataIntegrityViolationException",
  cause: 'ERROR: invalid byte sequence for encoding "UTF8": 0x00',
};
const deployed: ParkedEvent = {
  ...registered,
  id: "dl-2",
  index: 1,
  eventType: "LifecycleChanged",
  eventId: "e-2",
  sequence: 1,
  lastTried: undefined,
};
const unreadable: ParkedEvent = {
  readModel: "incident-timeline",
  id: "dl/3",
  systemId: "broken",
  index: 0,
  eventType: "IncidentOpened (unreadable)",
  eventId: "e-3",
  sequence: 1,
  occurredAt: "2026-11-29T11:00:00Z",
  parkedAt: "2026-11-29T11:00:01Z",
  causeType: "com.fasterxml.jackson.core.io.JsonEOFException",
  cause: `Unexpected end-of-input: ${"x".repeat(200)} at the end`,
};

function listOf(items: ParkedEvent[]): ParkedList {
  const byReadModel: Record<string, number> = {
    "barrier-statistics": 0,
    fleet: 0,
    "incident-timeline": 0,
    "operator-board": 0,
  };
  items.forEach((e) => {
    byReadModel[e.readModel] += 1;
  });
  return {
    summary: { total: items.length, byReadModel, systems: [...new Set(items.map((e) => e.systemId))].sort() },
    items,
  };
}

/** The admin API over a list the actions change, as the server would. */
function server(
  initial: ParkedEvent[],
  retry: (url: string) => { cleared: string[]; tried: number } = () => ({ cleared: [], tried: 1 }),
) {
  let parked = [...initial];
  const calls: { method: string; url: string }[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { "Content-Type": "application/json" },
    });
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? "GET";
    calls.push({ method, url });
    if (method === "GET") {
      const readModel = new URL(url, "http://x").searchParams.get("readModel");
      const all = listOf(parked);
      return json({ ...all, items: parked.filter((e) => !readModel || e.readModel === readModel) });
    }
    if (method === "DELETE") {
      const id = decodeURIComponent(url.slice(url.lastIndexOf("/") + 1));
      const gone = parked.find((e) => e.id === id)!;
      parked = parked.filter((e) => e !== gone);
      return json(gone);
    }
    const { cleared, tried } = retry(url);
    parked = parked.filter((e) => !cleared.includes(e.id));
    const readModel = url.split("/")[4];
    return json({
      readModel,
      sequencesTried: tried,
      sequencesCleared: cleared.length > 0 ? 1 : 0,
      stillParked: parked.filter((e) => e.readModel === readModel).length,
    });
  });
  vi.stubGlobal("fetch", fetch);
  return calls;
}

const cells = (row: Element) => [...row.querySelectorAll("td")].map((c) => c.textContent);

describe("the parked-events page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("counts the parked events per read model and names the systems held up", async () => {
    server([registered, deployed, unreadable]);
    const { findByRole, container } = render(<ParkedEventsView />);
    const summary = await findByRole("table", { name: "Parked events per read model" });
    const rows = within(summary).getAllByRole("row").slice(1);
    expect(rows.map((r) => [r.querySelector("th")!.textContent, r.querySelector("[data-count]")!.textContent])).toEqual(
      [
        ["barrier-statistics", "0"],
        ["fleet", "2"],
        ["incident-timeline", "1"],
        ["operator-board", "0"],
      ],
    );
    expect(
      within(rows[1]).getByRole("cell", { name: "the systems: bow-tie, class, lifecycle, barrier states" }),
    ).toBeTruthy();
    // nothing to retry where nothing is parked
    expect((within(rows[0]).getByRole("button") as HTMLButtonElement).disabled).toBe(true);
    expect((within(rows[1]).getByRole("button") as HTMLButtonElement).disabled).toBe(false);
    expect(container.querySelector("[data-parked-systems]")!.textContent).toBe("broken, poison-1");
  });

  it("lists each event with its system, type, sequence, times and cause, the first of a system to retry", async () => {
    server([registered, deployed, unreadable]);
    const { findByRole } = render(<ParkedEventsView />);
    const table = await findByRole("table", { name: "Parked events" });
    const rows = [...table.querySelectorAll("tr[data-parked-event]")];
    expect(rows.map((r) => r.getAttribute("data-parked-event"))).toEqual(["dl-1", "dl-2", "dl/3"]);
    const first = cells(rows[0]);
    expect(first.slice(0, 4)).toEqual(["fleet", "poison-1", "SystemRegisteredfailed first", "0"]);
    expect(first[4]).toBe(new Date(registered.occurredAt).toLocaleString());
    expect(first[5]).toBe(new Date(registered.parkedAt).toLocaleString());
    expect(first[6]).toBe(new Date(registered.lastTried!).toLocaleString());
    expect(first[7]).toBe('DataIntegrityViolationException: ERROR: invalid byte sequence for encoding "UTF8": 0x00');
    const second = cells(rows[1]);
    expect(second[2]).toBe("LifecycleChangedwaits behind 1 event");
    expect(second[6]).toBe("—"); // never tried by itself
    // a long cause folds away behind its first and last words, where a database says what it refused
    const folded = rows[2].querySelector("[data-cause] details summary")!.textContent!;
    expect(folded).toMatch(/^Unexpected end-of-input: x+ … x+ at the end$/);
    expect(folded.length).toBeLessThan(unreadable.cause!.length);
    // one retry per system, on the event that failed first; an eviction per event
    expect(within(rows[0] as HTMLElement).getByRole("button", { name: "Retry poison-1 in fleet" })).toBeTruthy();
    expect(within(rows[1] as HTMLElement).queryByRole("button", { name: /^Retry/ })).toBeNull();
    expect(
      within(rows[1] as HTMLElement).getByRole("button", {
        name: "Evict LifecycleChanged (sequence 1) of poison-1 from fleet",
      }),
    ).toBeTruthy();
  });

  it("retries one system and says it failed again", async () => {
    const calls = server([registered, deployed]);
    const { findByRole, getByRole } = render(<ParkedEventsView />);
    fireEvent.click(await findByRole("button", { name: "Retry poison-1 in fleet" }));
    await waitFor(() =>
      expect(getByRole("status").textContent).toBe(
        "Retried poison-1 in fleet: it failed again and stays parked; 2 events still parked in fleet.",
      ),
    );
    expect(calls.filter((c) => c.method === "POST").map((c) => c.url)).toEqual([
      "/api/admin/parked/fleet/poison-1/retry",
    ]);
    expect(calls.at(-1)).toEqual({ method: "GET", url: "/api/admin/parked?limit=500" }); // the list read again
  });

  it("retries every system of a read model, and the events applied leave the list", async () => {
    const calls = server([registered, deployed, unreadable], () => ({ cleared: ["dl-1", "dl-2"], tried: 2 }));
    const { findByRole, getByRole, container } = render(<ParkedEventsView />);
    fireEvent.click(await findByRole("button", { name: "Retry every system parked in fleet" }));
    await waitFor(() =>
      expect(getByRole("status").textContent).toBe(
        "Retried fleet: 1 of 2 systems cleared; 0 events still parked there.",
      ),
    );
    expect(calls.find((c) => c.method === "POST")!.url).toBe("/api/admin/parked/fleet/retry");
    await waitFor(() => expect(container.querySelectorAll("tr[data-parked-event]")).toHaveLength(1));
  });

  it("evicts one event only once the admin confirmed that the read model will never show it", async () => {
    const calls = server([registered, deployed, unreadable]);
    const { findByRole, getByRole, queryByRole, container } = render(<ParkedEventsView />);
    const evict = await findByRole("button", { name: "Evict SystemRegistered (sequence 0) of poison-1 from fleet" });

    fireEvent.click(evict);
    const dialog = getByRole("alertdialog", { name: "Evict SystemRegistered (sequence 0) of poison-1 from fleet?" });
    expect(dialog.textContent).toContain("The fleet read model will never show this event");
    expect(dialog.textContent).toContain("The event parked behind it stays parked until it is retried.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Keep it parked" }));
    expect(queryByRole("alertdialog")).toBeNull();
    expect(calls.some((c) => c.method === "DELETE")).toBe(false);

    fireEvent.click(evict);
    fireEvent.click(within(getByRole("alertdialog")).getByRole("button", { name: "Evict for good" }));
    await waitFor(() =>
      expect(getByRole("status").textContent).toBe(
        "Evicted SystemRegistered of poison-1 from fleet: fleet will never show it.",
      ),
    );
    expect(calls.find((c) => c.method === "DELETE")!.url).toBe("/api/admin/parked/fleet/poison-1/dl-1");
    await waitFor(() =>
      expect(
        [...container.querySelectorAll("tr[data-parked-event]")].map((r) => r.getAttribute("data-parked-event")),
      ).toEqual(["dl-2", "dl/3"]),
    );
    expect(queryByRole("alertdialog")).toBeNull();
  });

  it("encodes ids in the paths it calls", async () => {
    const calls = server([unreadable]);
    const { findByRole, getByRole } = render(<ParkedEventsView />);
    fireEvent.click(await findByRole("button", { name: /^Evict IncidentOpened/ }));
    fireEvent.click(within(getByRole("alertdialog")).getByRole("button", { name: "Evict for good" }));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE")).toBe(true));
    expect(calls.find((c) => c.method === "DELETE")!.url).toBe("/api/admin/parked/incident-timeline/broken/dl%2F3");
  });

  it("shows one read model's events when asked", async () => {
    const calls = server([registered, deployed, unreadable]);
    const { findByLabelText, container } = render(<ParkedEventsView />);
    fireEvent.change(await findByLabelText("Read model"), { target: { value: "incident-timeline" } });
    await waitFor(() => expect(container.querySelectorAll("tr[data-parked-event]")).toHaveLength(1));
    expect(calls.at(-1)!.url).toBe("/api/admin/parked?limit=500&readModel=incident-timeline");
  });

  it("says so when nothing is parked, and says why when the server refuses", async () => {
    server([]);
    const { findByText, unmount } = render(<ParkedEventsView />);
    expect(await findByText("Nothing is parked: every read model has handled every event.")).toBeTruthy();
    unmount();
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("", { status: 403, statusText: "Forbidden" })),
    );
    const refused = render(<ParkedEventsView />);
    expect((await refused.findByRole("alert")).textContent).toBe("Your role may not do this.");
  });
});
