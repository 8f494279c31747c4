import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { BowTieDiagram } from "./BowTieDiagram";
import type { BowTie } from "../types";

const bowTie: BowTie = {
  hazard: "Misalignment",
  topEvent: "Misaligned AI acts in the world",
  lines: [
    { id: "influence", side: "THREAT", name: "Influence", barriers: [
      { id: "gate", name: "Deployment gate", category: "DEPLOYMENT_GATE" },
      { id: "filter", name: "Output filter", category: "IMPACT_MEASURE" }] },
    { id: "ood", side: "THREAT", name: "OOD", barriers: [
      { id: "monitor", name: "Anomaly monitor", category: "ANOMALY_MONITORING" }] },
    { id: "harm", side: "CONSEQUENCE", name: "Harm", barriers: [
      { id: "disclosure", name: "Says it is an AI", category: "SELF_DECLARATION" },
      { id: "off", name: "Kill switch", category: "OFF_SWITCH" }] },
  ],
};

describe("BowTieDiagram", () => {
  it("draws one slice per barrier, each with its state", () => {
    const { container } = render(<BowTieDiagram bowTie={bowTie}
      states={{ gate: "BREACHED", filter: "HELD", off: "DEGRADED" }} />);
    const slices = [...container.querySelectorAll("[data-barrier]")];
    expect(slices.map((s) => s.getAttribute("data-barrier"))).toEqual(["gate", "filter", "monitor", "disclosure", "off"]);
    expect(slices.map((s) => s.getAttribute("data-state"))).toEqual(["BREACHED", "HELD", "INTACT", "INTACT", "DEGRADED"]);
  });

  it("cuts a hole only in breached slices and hatches degraded ones", () => {
    const { container } = render(<BowTieDiagram bowTie={bowTie} states={{ gate: "BREACHED", off: "DEGRADED" }} />);
    expect(container.querySelectorAll("[data-barrier='gate'] .bt-hole")).toHaveLength(1);
    expect(container.querySelectorAll(".bt-hole")).toHaveLength(1);
    expect(container.querySelector("[data-barrier='off'] rect")!.getAttribute("fill")).toBe("url(#hatch)");
  });

  it("puts threat lines left of the top event and consequence lines right of it", () => {
    const { container } = render(<BowTieDiagram bowTie={bowTie} states={{}} width={1000} />);
    const x = (id: string) => Number(container.querySelector(`[data-barrier='${id}'] rect`)!.getAttribute("x"));
    expect(x("gate")).toBeLessThan(x("filter"));
    expect(x("filter")).toBeLessThan(500);
    expect(x("disclosure")).toBeGreaterThan(500);
    expect(x("disclosure")).toBeLessThan(x("off"));
  });

  it("fades barriers off the incident's path and says whether the top event was reached", () => {
    const { container } = render(<BowTieDiagram bowTie={bowTie} states={{}} path={["gate", "filter", "disclosure", "off"]}
                                                topEventReached />);
    expect(container.querySelector("[data-barrier='monitor']")!.getAttribute("opacity")).toBe("0.35");
    expect(container.querySelector("[data-barrier='gate']")!.getAttribute("opacity")).toBe("1");
    expect(container.querySelector("[data-top-event]")!.getAttribute("data-top-event")).toBe("reached");
  });

  it("names every slice's state in words for screen readers", () => {
    const { getByRole } = render(<BowTieDiagram bowTie={bowTie} states={{ gate: "BREACHED" }} />);
    expect(getByRole("img", { name: "Deployment gate: breached" })).toBeTruthy();
  });
});
