import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BowTieDiagram } from "./BowTieDiagram";
import type { BowTie } from "../types";

const bowTie: BowTie = {
  hazard: "Misalignment",
  topEvent: "Misaligned AI acts in the world",
  lines: [
    {
      id: "influence",
      side: "THREAT",
      name: "Influence",
      barriers: [
        { id: "gate", name: "Deployment gate", category: "DEPLOYMENT_GATE" },
        { id: "filter", name: "Output filter", category: "IMPACT_MEASURE" },
      ],
    },
    {
      id: "ood",
      side: "THREAT",
      name: "OOD",
      barriers: [{ id: "monitor", name: "Anomaly monitor", category: "ANOMALY_MONITORING" }],
    },
    {
      id: "harm",
      side: "CONSEQUENCE",
      name: "Harm",
      barriers: [
        { id: "disclosure", name: "Says it is an AI", category: "SELF_DECLARATION" },
        { id: "off", name: "Kill switch", category: "OFF_SWITCH" },
      ],
    },
  ],
};

describe("BowTieDiagram", () => {
  it("draws one slice per barrier, each with its mark", () => {
    const { container } = render(
      <BowTieDiagram
        bowTie={bowTie}
        marks={{ gate: "BREACHED", filter: "HOLDING", monitor: "WATCHING", disclosure: "STANDING", off: "DEGRADED" }}
      />,
    );
    const slices = [...container.querySelectorAll("[data-barrier]")];
    expect(slices.map((s) => s.getAttribute("data-barrier"))).toEqual([
      "gate",
      "filter",
      "monitor",
      "disclosure",
      "off",
    ]);
    expect(slices.map((s) => s.getAttribute("data-mark"))).toEqual([
      "BREACHED",
      "HOLDING",
      "WATCHING",
      "STANDING",
      "DEGRADED",
    ]);
  });

  it("cuts a hole only in breached slices, bars the path at the holding one and hatches holes without a demand", () => {
    const { container } = render(
      <BowTieDiagram
        bowTie={bowTie}
        marks={{
          gate: "BREACHED",
          filter: "HOLDING",
          monitor: "PASSED_SILENTLY",
          off: "DEGRADED",
          disclosure: "IMPAIRED",
        }}
      />,
    );
    expect(container.querySelectorAll("[data-barrier='gate'] .bt-hole")).toHaveLength(1);
    expect(container.querySelectorAll(".bt-hole")).toHaveLength(1);
    expect(container.querySelectorAll(".bt-stop")).toHaveLength(1);
    expect(container.querySelectorAll("[data-barrier='filter'] .bt-stop")).toHaveLength(1);
    expect(container.querySelector("[data-barrier='off'] rect")!.getAttribute("fill")).toBe("url(#hatch)");
    expect(container.querySelector("[data-barrier='disclosure'] rect")!.getAttribute("fill")).toBe("url(#crosshatch)");
  });

  it("draws a silent pass and a detector's sighting differently from a breach", () => {
    const { container } = render(
      <BowTieDiagram bowTie={bowTie} marks={{ gate: "PASSED_SILENTLY", filter: "BREACHED", monitor: "DETECTED" }} />,
    );
    const look = (id: string) => container.querySelector(`[data-barrier='${id}']`)!;
    expect(look("gate").getAttribute("class")).toContain("bt-mark-passed-silently");
    expect(look("monitor").getAttribute("class")).toContain("bt-mark-detected");
    expect(look("filter").getAttribute("class")).toContain("bt-mark-breached");
    expect(look("gate").querySelector(".bt-glyph")!.textContent).toBe("○");
    expect(look("monitor").querySelector(".bt-glyph")!.textContent).toBe("◉");
    expect(look("filter").querySelector(".bt-glyph")!.textContent).toBe("✕");
    expect(look("gate").querySelector(".bt-hole")).toBeNull();
  });

  it("puts threat lines left of the top event and consequence lines right of it", () => {
    const { container } = render(<BowTieDiagram bowTie={bowTie} marks={{}} width={1000} />);
    const x = (id: string) => Number(container.querySelector(`[data-barrier='${id}'] rect`)!.getAttribute("x"));
    expect(x("gate")).toBeLessThan(x("filter"));
    expect(x("filter")).toBeLessThan(500);
    expect(x("disclosure")).toBeGreaterThan(500);
    expect(x("disclosure")).toBeLessThan(x("off"));
  });

  it("fades barriers off the path shown and says whether the top event was reached", () => {
    const { container } = render(
      <BowTieDiagram bowTie={bowTie} marks={{}} path={["gate", "filter", "disclosure", "off"]} topEventReached />,
    );
    expect(container.querySelector("[data-barrier='monitor']")!.getAttribute("opacity")).toBe("0.35");
    expect(container.querySelector("[data-barrier='gate']")!.getAttribute("opacity")).toBe("1");
    expect(container.querySelector("[data-top-event]")!.getAttribute("data-top-event")).toBe("reached");
  });

  it("names every slice's mark in words for screen readers", () => {
    const { getByRole } = render(<BowTieDiagram bowTie={bowTie} marks={{ gate: "BREACHED", monitor: "WATCHING" }} />);
    expect(getByRole("img", { name: "Deployment gate: breached" })).toBeTruthy();
    expect(getByRole("img", { name: "Anomaly monitor: watching, cannot stop" })).toBeTruthy();
    expect(getByRole("img", { name: "Kill switch: not on this path" })).toBeTruthy();
  });
});
