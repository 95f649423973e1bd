import { useId, useState, type FormEvent } from "react";
import { changePassword } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { FormEnd } from "../client/components/FormEnd";
import { useSubmit } from "../client/useSubmit";
import { changePasswordInput } from "../auth/auth.schemas";

const FIELDS = ["currentPassword", "newPassword"] as const;

/** A new password; the server ends every other session, this one stays signed in. */
export function PasswordForm() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");
  const [mismatch, setMismatch] = useState<string | null>(null);
  const [status, setStatus] = useState("");
  const id = useId();
  const save = useSubmit({
    schema: changePasswordInput,
    run: (input) => changePassword(input),
    fallback: "Could not change the password",
    fields: FIELDS,
  });
  const errors = save.fieldErrors;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setStatus("");
    if (confirm !== next) {
      setMismatch("The passwords do not match");
      return;
    }
    setMismatch(null);
    const done = await save.submit({ currentPassword: current, newPassword: next });
    if (!done.ok) return;
    setCurrent("");
    setNext("");
    setConfirm("");
    const others = done.value.sessionsEnded;
    setStatus(
      others > 0
        ? `Password changed. Signed out ${others} other ${others === 1 ? "session" : "sessions"}.`
        : "Password changed.",
    );
  }

  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Password</h2>
      <p className="muted">
        Changing it signs you out everywhere else; this browser stays signed in.
      </p>
      <Field
        id={`${id}-current`}
        label="Current password"
        name="currentPassword"
        error={errors.currentPassword}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${id}-new`}
        label="New password"
        name="newPassword"
        hint="At least 8 characters; a long passphrase is best."
        error={errors.newPassword}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${id}-confirm`}
        label="Confirm new password"
        name="confirmPassword"
        error={mismatch ?? undefined}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
          />
        )}
      </Field>
      <FormEnd error={save.error} busy={save.busy} label="Change password" busyLabel="Changing…">
        <span role="status" className="muted">
          {status}
        </span>
      </FormEnd>
    </form>
  );
}
