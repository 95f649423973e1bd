import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { login, signup } from "wasp/client/auth";
import { Field } from "../client/components/Field";
import { errorMessage } from "../client/errors";
import { NAME_MAX } from "./nameRules";

type Values = { name: string; email: string; password: string };
type Errors = Partial<Record<keyof Values, string>>;

// Mirrors the server's rules (Wasp's email and password checks, userSignupFields) so most
// mistakes are caught before a round trip; the server stays the authority.
function validate({ name, email, password }: Values): Errors {
  const errors: Errors = {};
  if (!name.trim()) errors.name = "Name is required";
  else if (name.trim().length > NAME_MAX) errors.name = `At most ${NAME_MAX} characters`;
  if (!email.trim()) errors.email = "Email is required";
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) errors.email = "Enter a valid email";
  if (password.length < 8) errors.password = "At least 8 characters";
  else if (!/\d/.test(password)) errors.password = "Include at least one number";
  return errors;
}

/** Which field a server-side message is about ("password must contain a number", …). */
function fieldOf(message: string): keyof Values | null {
  const lower = message.toLowerCase();
  if (lower.startsWith("password")) return "password";
  if (lower.startsWith("email") || lower.includes("same identity")) return "email";
  if (lower.startsWith("name")) return "name";
  return null;
}

export function SignupForm() {
  const [values, setValues] = useState<Values>({ name: "", email: "", password: "" });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [signedUp, setSignedUp] = useState(false);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const id = useId();
  const set = (key: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    setFormError(null);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    const data = {
      name: values.name.trim(),
      email: values.email.trim(),
      password: values.password,
    };
    try {
      await signup(data);
    } catch (error) {
      const message = errorMessage(error, "Could not sign up");
      const field = fieldOf(message);
      if (field) setErrors({ [field]: message });
      else setFormError(message);
      setBusy(false);
      return;
    }
    try {
      // Works at once when the email needs no verification (development); otherwise the
      // account waits for the emailed link and the success message says so.
      await login({ email: data.email, password: data.password });
      navigate("/");
    } catch {
      setSignedUp(true);
      setBusy(false);
    }
  }

  if (signedUp) {
    return (
      <div className="stack" role="status">
        <h1>Check your email</h1>
        <p>
          You signed up successfully. Open the link we emailed to {values.email}, then{" "}
          <Link to="/login">log in</Link>.
        </p>
      </div>
    );
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
      <h1 id={`${id}-title`}>Create your account</h1>
      <Field id={`${id}-name`} label="Name" error={errors.name}>
        {(props) => (
          <input {...props} autoComplete="name" value={values.name} onChange={set("name")} />
        )}
      </Field>
      <Field id={`${id}-email`} label="Email" error={errors.email}>
        {(props) => (
          <input
            {...props}
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={set("email")}
          />
        )}
      </Field>
      <Field
        id={`${id}-password`}
        label="Password"
        hint="At least 8 characters, including a number."
        error={errors.password}
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
      {formError && (
        <p role="alert" className="field-error">
          {formError}
        </p>
      )}
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? "Signing up…" : "Sign up"}
        </button>
      </div>
    </form>
  );
}
