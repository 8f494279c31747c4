import { render, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { WhatIfAnswerTable } from "./WhatIfAnswerTable";
import type { WhatIfAnswer } from "../types";

const added: WhatIfAnswer = {
  systemId: "support-llm-eu",
  question: "add second-filter at harm[0] with PFD 0.1",
  pfd: 0.1,
  incidentsJudged: 3,
  outcomesChanged: 1,
  answer: {
    incidents: [
      {
        incidentId: "support-llm-eu.1",
        before: "NEAR_MISS",
        marginBefore: 4,
        after: [{ outcome: "NEAR_MISS", margin: 4, probability: 1 }],
        changed: false,
      },
      {
        incidentId: "support-llm-eu.2",
        before: "FULL_FAILURE",
        marginBefore: 0,
        after: [
          { outcome: "TOP_EVENT", margin: 1, probability: 0.9 },
          { outcome: "FULL_FAILURE", margin: 0, probability: 0.1 },
        ],
        changed: true,
      },
      {
        incidentId: "support-llm-eu.3",
        before: "UNDETERMINED",
        marginBefore: 0,
        after: [{ outcome: "UNDETERMINED", margin: 0, probability: 1 }],
        changed: false,
      },
    ],
    expectedBefore: { UNDETERMINED: 1, NEAR_MISS: 1, TOP_EVENT: 0, FULL_FAILURE: 1 },
    expectedAfter: { UNDETERMINED: 1, NEAR_MISS: 1, TOP_EVENT: 0.9, FULL_FAILURE: 0.1 },
  },
};

const held: WhatIfAnswer = {
  systemId: "support-llm-eu",
  question: "hold interlock",
  incidentsJudged: 1,
  outcomesChanged: 1,
  answer: {
    incidents: [
      {
        incidentId: "support-llm-eu.2",
        before: "FULL_FAILURE",
        marginBefore: 0,
        after: [{ outcome: "TOP_EVENT", margin: 1, probability: 1 }],
        changed: true,
      },
    ],
    expectedBefore: { UNDETERMINED: 0, NEAR_MISS: 0, TOP_EVENT: 0, FULL_FAILURE: 1 },
    expectedAfter: { UNDETERMINED: 0, NEAR_MISS: 0, TOP_EVENT: 1, FULL_FAILURE: 0 },
  },
};

describe("WhatIfAnswerTable", () => {
  it("says how many incidents would have ended otherwise", () => {
    const { getByRole } = render(<WhatIfAnswerTable answer={added} />);
    expect(getByRole("status").textContent).toBe(
      "add second-filter at harm[0] with PFD 0.1: 1 of 3 incidents would have ended otherwise.",
    );
  });

  it("gives each incident its outcome before and every possible outcome after, with its probability", () => {
    const { getByRole } = render(<WhatIfAnswerTable answer={added} />);
    const rows = within(getByRole("table", { name: "Each incident before and after" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows.map((r) => [...r.querySelectorAll("td")].map((c) => c.textContent))).toEqual([
      ["support-llm-eu.1", "near miss margin 4", "near miss margin 4", "no"],
      ["support-llm-eu.2", "full failure margin 0", "top event margin 1 (90%) or full failure margin 0 (10%)", "✓ yes"],
      ["support-llm-eu.3", "undetermined margin 0", "undetermined margin 0", "no"],
    ]);
    expect(rows[1].className).toBe("changed");
  });

  it("gives the expected incidents per outcome before and after, with the change", () => {
    const { getByRole } = render(<WhatIfAnswerTable answer={added} />);
    const rows = within(getByRole("table", { name: "Expected incidents per outcome" }))
      .getAllByRole("row")
      .slice(1);
    expect(rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent))).toEqual([
      ["undetermined", "1", "1", "—"],
      ["near miss", "1", "1", "—"],
      ["top event", "0", "0.90", "+0.90"],
      ["full failure", "1", "0.10", "−0.90"],
    ]);
  });

  it("shows a certain answer without probabilities, and only the incidents that change when asked", () => {
    const { getByRole, queryByText } = render(<WhatIfAnswerTable answer={held} onlyChanged />);
    const row = within(getByRole("table", { name: "Each incident before and after" })).getAllByRole("row")[1];
    expect(row.textContent).toBe("support-llm-eu.2full failure margin 0top event margin 1✓ yes");
    expect(queryByText(/%/)).toBeNull();
    const filtered = render(<WhatIfAnswerTable answer={added} onlyChanged />);
    expect(filtered.container.querySelectorAll("tr[data-incident]")).toHaveLength(1);
  });
});
