import { useState } from "react";

/** An ISO-8601 duration as the server takes it (days, hours, minutes, seconds): PT30S, PT15M, PT1H, P1D, P1DT12H. */
const ISO_DURATION = /^P(?!$)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/;

export const isIsoDuration = (s: string) => ISO_DURATION.test(s.trim().toUpperCase());

/**
 * How often a barrier reports when it is alive (`expectedEvery`), edited in the bow-tie: blank means it promised
 * nothing. A barrier silent for longer is flagged "may be dead"; heartbeats (`ai.barrier.heartbeat`) keep a quiet one
 * alive. An entry that is no duration is said so at once and not passed on.
 */
export function ExpectedEveryField({
  barrierName,
  value,
  onChange,
}: {
  barrierName: string;
  value?: string;
  onChange: (value: string | undefined) => void;
}) {
  const [text, setText] = useState(value ?? "");
  const invalid = text.trim() !== "" && !isIsoDuration(text);
  const id = `expected-every-${barrierName.replace(/\W+/g, "-")}`;
  return (
    <span className="expected-every">
      <label htmlFor={id}>reports every</label>{" "}
      <input
        id={id}
        size={8}
        placeholder="e.g. PT1H"
        value={text}
        aria-label={`How often ${barrierName} reports when alive (ISO-8601 duration, blank: no promise)`}
        aria-invalid={invalid || undefined}
        aria-describedby={invalid ? `${id}-error` : undefined}
        onChange={(e) => {
          const next = e.target.value;
          setText(next);
          if (next.trim() === "") onChange(undefined);
          else if (isIsoDuration(next)) onChange(next.trim().toUpperCase());
        }}
      />
      {invalid && (
        <span id={`${id}-error`} className="error" role="alert">
          {" "}
          not a duration: write e.g. PT15M, PT1H or P1D
        </span>
      )}
    </span>
  );
}
