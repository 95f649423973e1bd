import { useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { login } from "wasp/client/auth";
import { Field } from "../client/components/Field";
import { useSubmit } from "../client/useSubmit";
import { loginInput } from "./auth.schemas";
import { FormEnd } from "../client/components/FormEnd";

const FIELDS = ["email", "password"] as const;

export function LoginForm() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const navigate = useNavigate();
  const id = useId();
  // Wasp answers a wrong email or password alike (401), a banned account with 403: both are
  // about the form as a whole, so they show above the button.
  const logIn = useSubmit({
    schema: loginInput,
    run: (credentials) => login(credentials),
    fallback: "Could not log in",
    fields: FIELDS,
  });
  const { busy, fieldErrors: errors } = logIn;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if ((await logIn.submit({ email, password })).ok) navigate("/");
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
      <FormEnd error={logIn.error} busy={busy} label="Log in" busyLabel="Logging in…" />
    </form>
  );
}
