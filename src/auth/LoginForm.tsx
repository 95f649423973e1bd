import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { login } from "wasp/client/auth";
import { Field } from "../client/components/Field";
import { errorMessage } from "../client/errors";

type Errors = Partial<Record<"email" | "password", string>>;

export function LoginForm() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const id = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found: Errors = {};
    if (!email.trim()) found.email = "Email is required";
    if (!password) found.password = "Password is required";
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await login({ email: email.trim(), password });
      navigate("/");
    } catch (error) {
      // Wasp answers a wrong email or password alike (401), a banned account with 403.
      setFormError(errorMessage(error, "Could not log in"));
      setBusy(false);
    }
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Log in</h1>
      <Field id={`${id}-email`} label="Email" error={errors.email}>
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
      <Field id={`${id}-password`} label="Password" error={errors.password}>
        {(props) => (
          <input
            {...props}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        )}
      </Field>
      {formError && (
        <p role="alert" className="field-error">
          {formError}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Logging in…" : "Log in"}
        </button>
      </div>
    </form>
  );
}
