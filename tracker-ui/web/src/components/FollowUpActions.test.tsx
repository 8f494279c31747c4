import { fireEvent, render, waitFor, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FollowUpActions, shortActionId } from "./FollowUpActions";
import type { FollowUpAction } from "../types";

const late: FollowUpAction = {
  actionId: "agent-1.4/a1",
  incidentId: "agent-1.4",
  systemId: "agent-1",
  title: "Retrain the myopia probe",
  owner: "safety team",
  due: "2026-11-20T23:59:59Z",
  status: "OPEN",
  overdue: true,
  addedBy: "petra",
  addedAt: "2026-11-10T09:00:00Z",
};
const done: FollowUpAction = {
  ...late,
  actionId: "agent-1.4/a2",
  title: "Add a canary",
  overdue: false,
  status: "DONE",
};

/** The actions API: answers the list as it stands after the calls so far; records every call with its body. */
function server() {
  const calls: { method: string; url: string; body?: Record<string, string> }[] = [];
  let list = [late, done];
  const json = (body: unknown, status = 200) =>
    new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string, init?: RequestInit) => {
      const method = init?.method ?? "GET";
      const body = init?.body ? JSON.parse(init.body as string) : undefined;
      calls.push({ method, url, body });
      if (method === "POST") {
        if (!body.owner) return json({ detail: "a follow-up action needs an 'owner': a person or a team" }, 400);
        list = [...list, { ...late, actionId: "agent-1.4/a3", title: body.title, owner: body.owner, overdue: false }];
        return json({ actionId: "agent-1.4/a3" }, 201);
      }
      if (method === "PATCH") {
        list = list.map((a) =>
          url.endsWith(shortActionId(a.actionId)) ? { ...a, status: body.status, overdue: false } : a,
        );
        return new Response(null, { status: 204 });
      }
      return json(list);
    }),
  );
  return calls;
}

describe("an incident's follow-up actions", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("lists each action with its owner and due date, and says which is overdue", async () => {
    server();
    const { findByRole } = render(<FollowUpActions incidentId="agent-1.4" canAct={false} />);
    const table = await findByRole("table", { name: "Follow-up actions" });
    const rows = within(table).getAllByRole("row").slice(1);
    expect(rows.map((r) => r.querySelector("[data-status]")!.textContent)).toEqual(["⏰ overdue", "done"]);
    expect(rows[0].textContent).toContain("safety team");
    expect(within(table).queryByRole("button")).toBeNull();
  });

  it("adds an action with an owner and a due date and marks one done, each by its own call", async () => {
    const calls = server();
    const changed = vi.fn();
    const { findByRole, getByLabelText, getByRole } = render(
      <FollowUpActions incidentId="agent-1.4" canAct onChanged={changed} />,
    );
    await findByRole("table", { name: "Follow-up actions" });
    fireEvent.change(getByLabelText("What is to be done"), { target: { value: "Scope deploy tokens" } });
    fireEvent.change(getByLabelText("Owner"), { target: { value: "platform" } });
    fireEvent.change(getByLabelText("Due (end of day, UTC)"), { target: { value: "2026-12-31" } });
    fireEvent.click(getByRole("button", { name: "Add action" }));
    await waitFor(() => expect(document.querySelector("[data-action='agent-1.4/a3']")).toBeTruthy());
    expect(calls.find((c) => c.method === "POST")).toEqual({
      method: "POST",
      url: "/api/incidents/agent-1.4/actions",
      body: { title: "Scope deploy tokens", owner: "platform", due: "2026-12-31" },
    });

    const first = document.querySelector("[data-action='agent-1.4/a1']") as HTMLElement;
    fireEvent.click(within(first).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(first.querySelector("[data-status]")!.textContent).toBe("done"));
    expect(calls.find((c) => c.method === "PATCH")).toEqual({
      method: "PATCH",
      url: "/api/incidents/agent-1.4/actions/a1",
      body: { status: "DONE" },
    });
    expect(changed).toHaveBeenCalledTimes(2);
  });

  it("shows a refusal in the server's words", async () => {
    server();
    const { findByRole, getByLabelText, getByRole } = render(<FollowUpActions incidentId="agent-1.4" canAct />);
    await findByRole("table", { name: "Follow-up actions" });
    fireEvent.change(getByLabelText("What is to be done"), { target: { value: "Scope deploy tokens" } });
    fireEvent.change(getByLabelText("Due (end of day, UTC)"), { target: { value: "2026-12-31" } });
    fireEvent.submit(getByRole("form", { name: "Add a follow-up action" }));
    expect((await findByRole("alert")).textContent).toContain("needs an 'owner'");
  });
});
