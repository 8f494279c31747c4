import { describe, expect, it } from "vitest";
import { claimVerdict, duration, factor, pct, prob, sentence, silBand, sinceLast, span, trendWords } from "./format";

describe("numbers as people read them", () => {
  it("writes probabilities with two significant digits, small ones in scientific notation", () => {
    expect([prob(0), prob(1), prob(0.625), prob(0.0234375), prob(0.00029), prob(undefined)]).toEqual([
      "0",
      "1",
      "0.63",
      "0.023",
      "2.9e-4",
      "—",
    ]);
    expect([pct(1), pct(0.473), pct(0.9), pct(0.998), pct(0.004)]).toEqual(["100%", "47.3%", "90%", "99.8%", "0.4%"]);
  });

  it("writes the SIL band, the claim verdict, the trend and the risk reduction in words", () => {
    expect([silBand("SIL_2"), silBand("NONE")]).toEqual(["SIL 2", "no SIL"]);
    expect(claimVerdict("NOT_DEMONSTRATED")).toBe("⚠ not demonstrated");
    expect(claimVerdict("CONSERVATIVE")).toBe("✓ conservative");
    expect(trendWords({ status: "WORSENING", statistic: 2.1, pValue: 0.018 })).toBe("▲ worsening (p 0.018)");
    expect(trendWords({ status: "NOT_ENOUGH_DATA" })).toBe("not enough data");
    expect([factor(1.066), factor(147.2), factor(2500)]).toEqual(["×1.1", "×147", "×2,500"]);
  });

  it("writes durations in the unit that reads best", () => {
    expect([duration(0.005), duration(0.5), duration(5.25), duration(72)]).toEqual([
      "18 s",
      "30 min",
      "5.3 h",
      "3.0 d",
    ]);
  });

  it("writes outcome names inside the server's sentences in words", () => {
    expect(sentence("incident x.2 is TOP_EVENT")).toBe("incident x.2 is top event");
    expect(sentence("class changed: SPONGE → AGENTIC")).toBe("class changed: SPONGE → AGENTIC");
  });

  it("writes response times in the two largest units that read well", () => {
    expect([
      span(0),
      span(45.4),
      span(90),
      span(252),
      span(3599.6),
      span(3600),
      span(12570),
      span(86_940),
      span(undefined),
    ]).toEqual(["0 s", "45 s", "1 min 30 s", "4 min 12 s", "1 h", "1 h", "3 h 30 min", "24 h 9 min", "—"]);
    expect([span(-3), span(2 * 86_400 + 5 * 3600 + 100)]).toEqual(["0 s", "2 d 5 h"]);
  });

  it("writes the time since the last proof test as the API measures it, to the window's end or to now", () => {
    const now = Date.parse("2026-11-30T12:00:00Z");
    // a window without an end: measured to now
    expect([sinceLast(72), sinceLast(5), sinceLast(0.5), sinceLast(undefined)]).toEqual([
      "3.0 d ago",
      "5.0 h ago",
      "30 min ago",
      "—",
    ]);
    // a window that ended on 14 November: measured to its end, and said so
    expect(sinceLast(72, "2026-11-14T00:00:00Z", now)).toBe("3.0 d before the window's end");
    // today's window runs to midnight, 12 h from now: 77 h to its end are 65 h to now
    expect(sinceLast(77, "2026-12-01T00:00:00Z", now)).toBe("2.7 d ago");
    expect(sinceLast(5, "2026-12-01T00:00:00Z", now)).toBe("0 s ago");
  });
});
