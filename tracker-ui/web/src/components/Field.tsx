import { cloneElement, useId, type ReactElement } from "react";

/**
 * A form control with its label tied by id, not by nesting: the label's text is then exactly its words (a label that
 * wraps a select would also carry every option's text, which screen readers and tests then have to wade through).
 */
export function Field({
  label,
  children,
  className,
}: {
  label: string;
  children: ReactElement<{ id?: string }>;
  className?: string;
}) {
  const id = useId();
  return (
    <div className={`field${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id })}
    </div>
  );
}
