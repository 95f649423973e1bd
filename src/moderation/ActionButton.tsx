import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { errorMessage } from "../client/errors";
import { REASON_MAX } from "./moderation.schemas";

// The moderation actions on a row. A failed action says why right next to the row, and a
// reason, when asked for, is typed in place rather than in a browser prompt.
type Run = (reason: string) => Promise<unknown>;

export function ActionButton(props: {
  label: string;
  /** Names the target for screen readers, e.g. "Dismiss report on <title>". */
  ariaLabel?: string;
  run: () => Promise<unknown>;
  variant?: "danger" | "secondary";
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function onClick() {
    setBusy(true);
    setError(null);
    try {
      await props.run();
    } catch (e) {
      setError(errorMessage(e, "That did not work"));
    } finally {
      setBusy(false);
    }
  }
  return (
    <span className="row-action">
      <button
        type="button"
        className={`button small ${props.variant ?? "secondary"}`}
        onClick={onClick}
        disabled={busy}
        aria-label={props.ariaLabel}
      >
        {props.label}
      </button>
      {error && (
        <span role="alert" className="field-error">
          {error}
        </span>
      )}
    </span>
  );
}

/** A button that opens a one-field form for the reason, e.g. "Hide…" → reason → "Hide post". */
export function ReasonAction(props: {
  label: string;
  submitLabel: string;
  /** Names the target for screen readers, e.g. the post's title. */
  target: string;
  optional?: boolean;
  run: Run;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const toggle = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  // Closing the form (Cancel) puts keyboard focus back on the button that opened it.
  useEffect(() => {
    if (!open && wasOpen.current) toggle.current?.focus();
    wasOpen.current = open;
  }, [open]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!props.optional && !reason.trim()) return setError("A reason is required");
    if (reason.trim().length > REASON_MAX) return setError(`At most ${REASON_MAX} characters`);
    setBusy(true);
    setError(null);
    try {
      await props.run(reason.trim());
      setOpen(false);
      setReason("");
    } catch (e) {
      setError(errorMessage(e, "That did not work"));
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <button
        ref={toggle}
        type="button"
        className="button small danger secondary"
        onClick={() => setOpen(true)}
        aria-label={`${props.label} ${props.target}`}
      >
        {props.label}…
      </button>
    );
  }
  return (
    <form className="reason-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={`${id}-reason`}>
        Reason{props.optional ? " (optional)" : ""}
        <span className="visually-hidden">
          {" "}
          to {props.label.toLowerCase()} {props.target}
        </span>
      </label>
      <input
        id={`${id}-reason`}
        name="reason"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        autoFocus
      />
      {error && (
        <span id={`${id}-error`} role="alert" className="field-error">
          {error}
        </span>
      )}
      <span className="actions">
        <button type="submit" className="button small danger" disabled={busy}>
          {busy ? "Working…" : props.submitLabel}
        </button>
        <button type="button" className="button small secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </span>
    </form>
  );
}
