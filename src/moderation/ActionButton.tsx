import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { z } from "zod";
import { useSubmit } from "../client/useSubmit";
import "./moderation.css";

// The moderation actions on a row. A failed action says why right next to the row, and a
// reason, when asked for, is typed in place rather than in a browser prompt.

export function ActionButton(props: {
  label: string;
  /** Names the target for screen readers, e.g. "Dismiss report on <title>". */
  ariaLabel?: string;
  run: () => Promise<unknown>;
  variant?: "danger" | "secondary";
}) {
  const { submit, busy, error } = useSubmit({ run: props.run, fallback: "That did not work" });
  const onClick = () => void submit(undefined);
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

/**
 * A button that opens a one-field form for the reason, e.g. "Hide…" → reason → "Hide post".
 * `reason` is the rule of the operation's input (e.g. `hidePostInput.shape.reason`); when it
 * accepts no reason, the field says "(optional)" and a blank one is sent as none.
 */
export function ReasonAction<Reason extends string | undefined>(props: {
  label: string;
  submitLabel: string;
  /** Names the target for screen readers, e.g. the post's title. */
  target: string;
  reason: z.ZodType<Reason>;
  run: (reason: Reason) => Promise<unknown>;
}) {
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState("");
  const toggle = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  const id = useId();
  const optional = props.reason.safeParse(undefined).success;
  const act = useSubmit({
    schema: props.reason,
    run: props.run,
    fallback: "That did not work",
    fields: ["(root)", "reason"],
  });
  // The schema checks the reason alone, so its issues ("(root)") and the server's about
  // "reason" are the field's; anything else the action answers is said in the same place.
  const error = act.fieldErrors["(root)"] ?? act.fieldErrors.reason ?? act.error;

  // Closing the form (Cancel) puts keyboard focus back on the button that opened it.
  useEffect(() => {
    if (!open && wasOpen.current) toggle.current?.focus();
    wasOpen.current = open;
  }, [open]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if ((await act.submit(reason.trim() ? reason : undefined)).ok) {
      setOpen(false);
      setReason("");
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
        Reason{optional ? " (optional)" : ""}
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
        <button type="submit" className="button small danger" disabled={act.busy}>
          {act.busy ? "Working…" : props.submitLabel}
        </button>
        <button type="button" className="button small secondary" onClick={() => setOpen(false)}>
          Cancel
        </button>
      </span>
    </form>
  );
}
