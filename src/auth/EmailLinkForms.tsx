import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import { Link, useSearchParams } from "react-router";
import { requestPasswordReset, resetPassword, verifyEmail } from "wasp/client/auth";
import { Field } from "../client/components/Field";
import { FormEnd } from "../client/components/FormEnd";
import { errorMessage } from "../client/errors";
import { useSubmit } from "../client/useSubmit";
import { requestResetInput, webResetInput } from "./auth.schemas";

// The pages behind the emailed links, in the project's own forms (labels tied to inputs, the
// server's rules checked before sending). Wasp's ready-made forms would also work, but they
// bring react-hook-form into the bundle every page loads first.

/** Asks for a reset link. The answer is the same whether or not the address has an account. */
export function RequestPasswordResetForm() {
  const [email, setEmail] = useState("");
  const [sent, setSent] = useState(false);
  const id = useId();
  const request = useSubmit({
    schema: requestResetInput,
    run: (input) => requestPasswordReset(input),
    fallback: "Could not send the link",
    fields: ["email"],
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if ((await request.submit({ email })).ok) setSent(true);
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Reset your password</h1>
      <p className="muted">We will email you a link to choose a new password.</p>
      <Field id={`${id}-email`} label="Email" error={request.fieldErrors.email}>
        {(props) => (
          <input
            {...props}
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        )}
      </Field>
      <p role="status" className="status-line">
        {sent ? "If an account uses this address, a link is on its way. Check your inbox." : ""}
      </p>
      <FormEnd error={request.error} busy={request.busy} label="Send link" busyLabel="Sending…" />
    </form>
  );
}

/** Chooses the new password with the token of the emailed link (?token=…). */
export function ResetPasswordForm() {
  const token = useSearchParams()[0].get("token") ?? "";
  const [values, setValues] = useState({ password: "", confirm: "" });
  const [done, setDone] = useState(false);
  const id = useId();
  const reset = useSubmit({
    schema: webResetInput,
    run: ({ password }) => resetPassword({ token, password }),
    fallback: "Could not reset the password",
    fields: ["password", "confirm"],
  });

  if (!token) {
    return (
      <div className="stack">
        <h1>Link incomplete</h1>
        <p>
          This link has no reset token. <Link to="/request-password-reset">Ask for a new link</Link>
          .
        </p>
      </div>
    );
  }
  if (done) {
    return (
      <div className="stack" role="status">
        <h1>Password changed</h1>
        <p>
          Your new password is set, and every other session has ended.{" "}
          <Link to="/login">Log in</Link>.
        </p>
      </div>
    );
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if ((await reset.submit(values)).ok) setDone(true);
  }

  const set = (key: "password" | "confirm") => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Choose a new password</h1>
      <Field
        id={`${id}-password`}
        label="New password"
        name="password"
        hint="At least 8 characters, with a number."
        error={reset.fieldErrors.password}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={values.password}
            onChange={set("password")}
          />
        )}
      </Field>
      <Field
        id={`${id}-confirm`}
        label="Repeat the new password"
        name="confirm"
        error={reset.fieldErrors.confirm}
      >
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="new-password"
            value={values.confirm}
            onChange={set("confirm")}
          />
        )}
      </Field>
      <FormEnd error={reset.error} busy={reset.busy} label="Set password" busyLabel="Saving…" />
    </form>
  );
}

type Verification = { state: "checking" } | { state: "done" } | { state: "failed"; why: string };

/** Confirms the address with the token of the emailed link, as soon as the page opens. */
export function VerifyEmailForm() {
  const token = useSearchParams()[0].get("token") ?? "";
  const [result, setResult] = useState<Verification>({ state: "checking" });
  const sent = useRef(false);

  useEffect(() => {
    // Once per page: the token is single-use, and StrictMode runs effects twice in development.
    if (sent.current) return;
    sent.current = true;
    if (!token) {
      setResult({ state: "failed", why: "This link has no verification token." });
      return;
    }
    verifyEmail({ token }).then(
      () => setResult({ state: "done" }),
      (error: unknown) =>
        setResult({ state: "failed", why: errorMessage(error, "The link did not work.") }),
    );
  }, [token]);

  return (
    <div className="stack" role="status">
      <h1>Email verification</h1>
      {result.state === "checking" && <p>Checking your link…</p>}
      {result.state === "done" && (
        <p>
          Your address is verified. <Link to="/login">Log in</Link>.
        </p>
      )}
      {result.state === "failed" && (
        <p>
          {result.why} Links expire after a while; a password reset also proves the address:{" "}
          <Link to="/request-password-reset">reset your password</Link>.
        </p>
      )}
    </div>
  );
}
