import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { MarkChip, MarkLegend, PathStrip } from "./components/Marks";
import { MARK_LOOK, restingMark } from "./marks";
import { MARKS } from "./types";

const DETECTION = ["ANOMALY_MONITORING", "INTERPRETABILITY", "POWER_SEEKING_DETECTION"];

describe("barrier marks", () => {
  it("give every mark its own glyph, its own pattern and its own words", () => {
    const looks = MARKS.map((m) => MARK_LOOK[m]);
    expect(new Set(looks.map((l) => l.glyph)).size).toBe(MARKS.length);
    expect(new Set(looks.map((l) => l.css)).size).toBe(MARKS.length);
    expect(new Set(looks.map((l) => l.label)).size).toBe(MARKS.length);
    looks.forEach((l) => expect(l.meaning.length).toBeGreaterThan(10));
  });

  it("draw a chip with its glyph, and name the barrier and its mark for screen readers", () => {
    const { getByRole } = render(<MarkChip id="gate" name="Deployment gate" mark="PASSED_SILENTLY" />);
    const chip = getByRole("img", { name: "Deployment gate: passed silently" });
    expect(chip.textContent).toBe("○");
    expect(chip.getAttribute("data-mark")).toBe("PASSED_SILENTLY");
    expect(chip.getAttribute("title")).toBe("Deployment gate: passed silently");
  });

  it("show a watching detector as no stop, a silent pass as no breach, and the holding barrier apart", () => {
    const { container } = render(
      <>
        <MarkChip id="monitor" name="Monitor" mark="WATCHING" />
        <MarkChip id="limit" name="Limit" mark="STANDING" />
        <MarkChip id="silent" name="Silent" mark="PASSED_SILENTLY" />
        <MarkChip id="breach" name="Breach" mark="BREACHED" />
        <MarkChip id="detected" name="Detected" mark="DETECTED" />
        <MarkChip id="holder" name="Holder" mark="HOLDING" />
      </>,
    );
    const chip = (id: string) => container.querySelector(`[data-barrier='${id}']`)!;
    expect(chip("monitor").className).toContain("mark-watching");
    expect(chip("monitor").getAttribute("aria-label")).toBe("Monitor: watching, cannot stop");
    expect(chip("limit").className).toContain("mark-standing");
    expect(chip("silent").className).not.toContain("mark-breached");
    expect(chip("silent").textContent).not.toBe(chip("breach").textContent);
    expect(chip("detected").getAttribute("aria-label")).toBe("Detected: seen, not stopped");
    expect(chip("holder").className).toContain("mark-holding");
    expect(chip("holder").textContent).toBe("✓");
  });

  it("explain every mark in the legend", () => {
    const { container } = render(<MarkLegend />);
    expect(container.querySelectorAll("[data-legend]")).toHaveLength(MARKS.length);
    expect(container.querySelector("[data-legend='DETECTED']")!.textContent).toContain(
      "a detector saw the hazard pass; it cannot stop it",
    );
  });

  it("put the top event between the preventive and the reactive barriers of a path, with each mark in words", () => {
    const { getByRole } = render(
      <PathStrip
        threatLength={2}
        label="Path"
        barriers={[
          { id: "a", name: "Sandbox", mark: "BREACHED" },
          { id: "b", name: "Detector", mark: "DETECTED" },
          { id: "c", name: "Interlock", mark: "HOLDING" },
        ]}
      />,
    );
    const items = [...getByRole("list", { name: "Path" }).querySelectorAll("li")].map((li) => li.textContent);
    expect(items).toEqual(["✕Sandboxbreached", "◉Detectorseen, not stopped", "▲ top event", "✓Interlockholding"]);
  });

  it("mark a barrier at rest by its service state, else by whether it can stop a hazard", () => {
    expect(restingMark({ category: "OFF_SWITCH" }, undefined, DETECTION)).toBe("STANDING");
    expect(restingMark({ category: "ANOMALY_MONITORING" }, "IN_SERVICE", DETECTION)).toBe("WATCHING");
    expect(restingMark({ category: "ANOMALY_MONITORING", acts: true }, undefined, DETECTION)).toBe("STANDING");
    expect(restingMark({ category: "OFF_SWITCH" }, "DEGRADED", DETECTION)).toBe("DEGRADED");
    expect(restingMark({ category: "INTERPRETABILITY" }, "IMPAIRED", DETECTION)).toBe("IMPAIRED");
  });
});
