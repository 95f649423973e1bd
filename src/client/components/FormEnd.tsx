import type { ReactNode } from "react";

/**
 * The end of every form: the error that belongs to no single field (announced), then the submit
 * button, busy while the form is being sent, and whatever else the form puts beside it.
 */
export function FormEnd(props: {
  error: string | null | undefined;
  busy: boolean;
  label: string;
  busyLabel: string;
  children?: ReactNode;
}) {
  return (
    <>
      {props.error && (
        <p role="alert" className="field-error">
          {props.error}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={props.busy}>
          {props.busy ? props.busyLabel : props.label}
        </button>
        {props.children}
      </div>
    </>
  );
}
