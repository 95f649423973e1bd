import type { ReactNode } from "react";

export type FieldInputProps = {
  id: string;
  name: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
};

// A labelled form control with its error. The error sits outside the <label> so the control's
// accessible name stays just its label, and aria-describedby reads the error after it.
export function Field(props: {
  id: string;
  label: string;
  name?: string;
  error?: string;
  hint?: string;
  children: (inputProps: FieldInputProps) => ReactNode;
}) {
  const errorId = `${props.id}-error`;
  const hintId = `${props.id}-hint`;
  const describedBy = [props.hint ? hintId : null, props.error ? errorId : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.hint && (
        <span id={hintId} className="field-hint muted">
          {props.hint}
        </span>
      )}
      {props.children({
        id: props.id,
        name: props.name ?? props.label.toLowerCase(),
        "aria-invalid": Boolean(props.error),
        "aria-describedby": describedBy || undefined,
      })}
      {props.error && (
        <span id={errorId} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
