import { render, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "./App";
import { signIn, signOut } from "./api";

/** Signed in with `roles`: the server answers /api/me, an empty board, and an empty list of parked events. */
function signedInAs(roles: string[]) {
  signIn("someone", "tracker");
  const json = (body: unknown) =>
    new Response(JSON.stringify(body), { headers: { "Content-Type": "application/json" } });
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: string) => {
      if (url === "/api/me") return json({ username: "someone", roles });
      if (url.startsWith("/api/board?"))
        return json({ systems: [], parked: { total: 0, byReadModel: {}, systems: [] } });
      if (url.startsWith("/api/admin/parked"))
        return json({ summary: { total: 0, byReadModel: {}, systems: [] }, items: [] });
      return new Response("", { status: 503 });
    }),
  );
}

describe("the navigation", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    signOut();
    window.location.hash = "";
  });

  it("shows admins the parked events and opens the page", async () => {
    signedInAs(["ADMIN"]);
    window.location.hash = "#parked";
    const { findByRole } = render(<App />);
    const nav = await findByRole("navigation", { name: "Views" });
    const link = within(nav).getByRole("link", { name: "Parked events" });
    expect(link.getAttribute("href")).toBe("#parked");
    expect(link.getAttribute("aria-current")).toBe("page");
    expect(await findByRole("heading", { level: 1, name: "Parked events" })).toBeTruthy();
  });

  it("leaves the parked events out for every other role, even when the address asks for them", async () => {
    for (const role of ["OPERATOR", "ANALYST", "MANAGER"]) {
      signedInAs([role]);
      window.location.hash = "#parked";
      const { findByRole, unmount } = render(<App />);
      const nav = await findByRole("navigation", { name: "Views" });
      expect(within(nav).queryByRole("link", { name: "Parked events" })).toBeNull();
      expect(await findByRole("heading", { level: 1, name: "Live board" })).toBeTruthy();
      unmount();
      vi.unstubAllGlobals();
    }
  });
});
