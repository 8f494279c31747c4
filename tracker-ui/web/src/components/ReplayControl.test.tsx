import { act, fireEvent, render } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { useState } from "react";
import { ReplayControl } from "./ReplayControl";

function Harness({ count, start = 0 }: { count: number; start?: number }) {
  const [index, setIndex] = useState(start);
  return (
    <>
      <ReplayControl count={count} index={index} onChange={setIndex} interval={100} />
      <output>{index}</output>
    </>
  );
}

describe("ReplayControl", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const at = (c: HTMLElement) => Number(c.querySelector("output")!.textContent);

  it("steps forward and back and jumps to the first and last step", () => {
    const { container, getByLabelText } = render(<Harness count={5} />);
    fireEvent.click(getByLabelText("Step forward"));
    fireEvent.click(getByLabelText("Step forward"));
    expect(at(container)).toBe(2);
    fireEvent.click(getByLabelText("Step back"));
    expect(at(container)).toBe(1);
    fireEvent.click(getByLabelText("Last step"));
    expect(at(container)).toBe(4);
    expect((getByLabelText("Step forward") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.click(getByLabelText("First step"));
    expect(at(container)).toBe(0);
  });

  it("plays to the end and stops", () => {
    const { container, getByLabelText } = render(<Harness count={3} />);
    fireEvent.click(getByLabelText("Play"));
    act(() => {
      vi.advanceTimersByTime(100);
    });
    expect(at(container)).toBe(1);
    act(() => {
      vi.advanceTimersByTime(100);
    });
    expect(at(container)).toBe(2);
    act(() => {
      vi.advanceTimersByTime(500);
    });
    expect(at(container)).toBe(2);
    expect(getByLabelText("Play")).toBeTruthy();
  });

  it("follows the scrubber", () => {
    const { container, getByLabelText } = render(<Harness count={10} />);
    fireEvent.change(getByLabelText("Step"), { target: { value: "7" } });
    expect(at(container)).toBe(7);
    expect(container.textContent).toContain("Step 8 of 10");
  });
});
