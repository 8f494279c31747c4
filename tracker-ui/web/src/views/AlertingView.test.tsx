import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { AlertingView, REPEAT_PATTERN, describeInterval, describeMatchers } from "./AlertingView";
import type { AlertDelivery, AlertRoute, AlertSilence, Me } from "../types";

const route: AlertRoute = {
  id: "r-1",
  name: "pager",
  url: "https://hooks.example/pager",
  matchers: { systemIds: ["llm-1"], outcomes: [], severities: [], kinds: ["full-failure"] },
  createdBy: "admin",
  createdAt: "2026-11-29T10:00:00Z",
  changedBy: "admin",
  changedAt: "2026-11-29T10:00:00Z",
  sendResolved: true,
  repeatInterval: null,
  repeatEvery: "PT4H",
};
const quietRoute: AlertRoute = {
  ...route,
  id: "r-3",
  name: "chat",
  sendResolved: false,
  repeatInterval: "PT30M",
  repeatEvery: "PT30M",
};
const silence: AlertSilence = {
  id: "s-1",
  matchers: { systemIds: ["llm-1"], outcomes: [], severities: [], kinds: [] },
  startsAt: "2026-11-29T10:00:00Z",
  endsAt: new Date(Date.now() + 3_600_000).toISOString(),
  comment: "model rollout",
  createdBy: "operator",
  createdAt: "2026-11-29T10:00:00Z",
  active: true,
};
const failed: AlertDelivery = {
  id: "d-1",
  kind: "RESOLVED",
  routeId: "r-1",
  routeName: "pager",
  groupKey: "llm-1",
  alerts: 2,
  status: "FAILED",
  attempts: 5,
  lastStatusCode: 500,
  lastError: "the receiver answered 500",
  createdAt: "2026-11-29T10:00:00Z",
  lastAttemptAt: "2026-11-29T10:01:00Z",
};

/** The alerting API as the server answers it; records every call with its body. */
function server() {
  const calls: { method: string; url: string; body?: unknown }[] = [];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      calls.push({ method, url, body: init?.body ? JSON.parse(init.body as string) : undefined });
      if (method === "GET" && url.startsWith("/api/alerting/routes")) return json([route, quietRoute]);
      if (method === "GET" && url.startsWith("/api/alerting/silences")) return json([silence]);
      if (method === "GET" && url.startsWith("/api/alerting/deliveries")) return json([failed]);
      if (url === "/api/alerting/routes") return json({ id: "r-2" }, 201);
      if (url === "/api/alerting/silences") return json({ id: "s-2" }, 201);
      return new Response(null, { status: url.endsWith("/retry") ? 202 : 204 });
    }),
  );
  return calls;
}

const operator: Me = { username: "operator", roles: ["OPERATOR"] } as Me;
const admin: Me = { username: "admin", roles: ["ADMIN"] } as Me;

describe("the alerting page", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("says what a route or a silence takes in words", () => {
    expect(describeMatchers(route.matchers)).toBe("systems llm-1; kinds full-failure");
    expect(describeMatchers({ systemIds: [], outcomes: [], severities: [], kinds: [] })).toBe("everything");
  });

  it("lists routes, silences and failed deliveries; an operator may silence but not change routes or retry", async () => {
    const calls = server();
    const { findByRole, findByText, getByRole, queryByRole, getByLabelText } = render(<AlertingView me={operator} />);
    const routes = await findByRole("table", { name: "Webhook routes" });
    expect(within(routes).getByRole("rowheader", { name: "pager" })).toBeTruthy();
    expect(within(routes).queryByRole("button")).toBeNull();
    expect(queryByRole("form", { name: "Add a route" })).toBeNull();
    const deliveries = getByRole("table", { name: "Failed deliveries" });
    expect(within(deliveries).getByText("the receiver answered 500")).toBeTruthy();
    expect(within(deliveries).getByText("resolved")).toBeTruthy();
    expect(within(deliveries).queryByRole("button")).toBeNull();

    fireEvent.change(getByLabelText("Systems (ids, separated by commas; empty: every system)"), {
      target: { value: "llm-1, vision-2" },
    });
    fireEvent.click(getByLabelText("full-failure: it is a full failure (inhibits its top-event alert)"));
    fireEvent.change(getByLabelText("Why (e.g. a maintenance window)"), { target: { value: "maintenance" } });
    fireEvent.click(getByRole("button", { name: "Add silence" }));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const posted = calls.find((c) => c.method === "POST")!;
    expect(posted.url).toBe("/api/alerting/silences");
    expect(posted.body).toMatchObject({
      matchers: { systemIds: ["llm-1", "vision-2"], outcomes: [], severities: [], kinds: ["full-failure"] },
      comment: "maintenance",
    });
    expect(await findByText(/^Added a silence until/)).toBeTruthy();

    fireEvent.click(getByRole("button", { name: "Expire the silence of systems llm-1: model rollout" }));
    await waitFor(() => expect(calls.some((c) => c.url === "/api/alerting/silences/s-1/expire")).toBe(true));
  });

  it("lets an admin add and delete a route and retry a failed delivery", async () => {
    const calls = server();
    const { findByRole, findByText, getByRole } = render(<AlertingView me={admin} />);
    await findByRole("table", { name: "Webhook routes" });
    const form = getByRole("form", { name: "Add a route" });
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "chat" } });
    fireEvent.change(within(form).getByLabelText("Webhook URL (http or https)"), {
      target: { value: "https://chat.example/hook" },
    });
    fireEvent.change(within(form).getByLabelText("Secret (16 to 200 characters; signs every POST)"), {
      target: { value: "0123456789abcdef" },
    });
    fireEvent.click(within(form).getByLabelText("SEV1"));
    fireEvent.click(within(form).getByRole("button", { name: "Add route" }));
    await waitFor(() => expect(calls.some((c) => c.url === "/api/alerting/routes" && c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.url === "/api/alerting/routes" && c.method === "POST")!.body).toEqual({
      name: "chat",
      url: "https://chat.example/hook",
      secret: "0123456789abcdef",
      matchers: { systemIds: [], outcomes: [], severities: ["SEV1"], kinds: [] },
      sendResolved: true,
    });

    expect(await findByText("Added route chat.")).toBeTruthy();
    fireEvent.click(getByRole("button", { name: "Delete route pager" }));
    await waitFor(() =>
      expect(calls.some((c) => c.method === "DELETE" && c.url === "/api/alerting/routes/r-1")).toBe(true),
    );
    expect(await findByText("Deleted route pager: nothing more is sent to it.")).toBeTruthy();
    fireEvent.click(getByRole("button", { name: "Retry the delivery to pager about llm-1" }));
    await waitFor(() => expect(calls.some((c) => c.url === "/api/alerting/deliveries/d-1/retry")).toBe(true));
  });

  it("writes repeat intervals in short words", () => {
    expect(describeInterval("PT4H")).toBe("4h");
    expect(describeInterval("PT1H30M")).toBe("1h 30m");
    expect(describeInterval("PT720H")).toBe("30d");
    expect(describeInterval("PT5S")).toBe("5s");
  });

  it("shows how often each route repeats and whether it sends resolved, and an admin may set both", async () => {
    const calls = server();
    const { findByRole, getByRole } = render(<AlertingView me={admin} />);
    const routes = await findByRole("table", { name: "Webhook routes" });
    const pager = within(routes).getByRole("rowheader", { name: "pager" }).closest("tr")!;
    expect(within(pager).getByText("repeats every 4h (default); sends resolved")).toBeTruthy();
    const chat = within(routes).getByRole("rowheader", { name: "chat" }).closest("tr")!;
    expect(within(chat).getByText("repeats every 30m; no resolved notifications")).toBeTruthy();

    const form = getByRole("form", { name: "Add a route" });
    const resolved = within(form).getByLabelText("Send a resolved notification when an alert ends") as HTMLInputElement;
    expect(resolved.checked).toBe(true);
    fireEvent.change(within(form).getByLabelText("Name"), { target: { value: "tickets" } });
    fireEvent.change(within(form).getByLabelText("Webhook URL (http or https)"), {
      target: { value: "https://tickets.example/hook" },
    });
    fireEvent.change(within(form).getByLabelText("Secret (16 to 200 characters; signs every POST)"), {
      target: { value: "0123456789abcdef" },
    });
    fireEvent.change(
      within(form).getByLabelText("Send again while it fires, every (e.g. 30m, 4h, 1d; empty: the default)"),
      { target: { value: " 1h " } },
    );
    fireEvent.click(resolved);
    fireEvent.click(within(form).getByRole("button", { name: "Add route" }));
    await waitFor(() => expect(calls.some((c) => c.url === "/api/alerting/routes" && c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.url === "/api/alerting/routes" && c.method === "POST")!.body).toMatchObject({
      name: "tickets",
      sendResolved: false,
      repeatInterval: "1h",
    });
  });
});

describe("the route form's repeat interval", () => {
  it("takes what the server reads and says at once what it does not", () => {
    const whole = new RegExp(`^(?:${REPEAT_PATTERN})$`, "v");
    expect(["4h", "30m", " 15 m ", "1d", "90s", "PT4H", "pt30m"].every((t) => whole.test(t))).toBe(true);
    expect(["1.5h", "4 hours", "h", "-4h", "45x"].some((t) => whole.test(t))).toBe(false);
  });
});
