import { useEffect, useState } from "react";

export interface ReplayControlProps {
  count: number;
  index: number;
  onChange: (index: number) => void;
  /** Milliseconds between steps while playing. */
  interval?: number;
}

/** First / back / play / forward / last and a scrubber, all native controls, so keyboards work. */
export function ReplayControl({ count, index, onChange, interval = 900 }: ReplayControlProps) {
  const [playing, setPlaying] = useState(false);
  const last = Math.max(0, count - 1);

  useEffect(() => {
    if (!playing) return;
    if (index >= last) {
      setPlaying(false);
      return;
    }
    const timer = setTimeout(() => onChange(Math.min(index + 1, last)), interval);
    return () => clearTimeout(timer);
  }, [playing, index, last, interval, onChange]);

  const go = (to: number) => {
    setPlaying(false);
    onChange(Math.max(0, Math.min(to, last)));
  };

  return (
    <div className="replay" role="group" aria-label="Replay the incident">
      <button type="button" onClick={() => go(0)} disabled={index === 0} aria-label="First step">
        First
      </button>
      <button type="button" onClick={() => go(index - 1)} disabled={index === 0} aria-label="Step back">
        Back
      </button>
      <button
        type="button"
        onClick={() => (index >= last ? go(0) : setPlaying(!playing))}
        aria-label={playing ? "Pause" : "Play"}
      >
        {playing ? "Pause" : "Play"}
      </button>
      <button type="button" onClick={() => go(index + 1)} disabled={index >= last} aria-label="Step forward">
        Forward
      </button>
      <button type="button" onClick={() => go(last)} disabled={index >= last} aria-label="Last step">
        Last
      </button>
      <input
        type="range"
        min={0}
        max={last}
        value={index}
        aria-label="Step"
        onChange={(e) => go(Number(e.target.value))}
      />
      <span className="replay-position" aria-live="polite">
        Step {count === 0 ? 0 : index + 1} of {count}
      </span>
    </div>
  );
}
