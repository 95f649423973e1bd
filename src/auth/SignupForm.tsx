import { useId, useState, type FormEvent } from "react";
import { Link, useNavigate } from "react-router";
import { login, signup } from "wasp/client/auth";
import { Field } from "../client/components/Field";
import { useSubmit } from "../client/useSubmit";
import { webSignupInput } from "./auth.schemas";
import { FormEnd } from "../client/components/FormEnd";

type Values = { username: string; name: string; email: string; password: string };
const FIELDS = ["username", "name", "email", "password"] as const;

// webSignupInput's email and password rules match Wasp's own checks on the web sign-up and its
// name and username rules are the ones userSignupFields applies, so mistakes
// are caught here, with the server's messages, before a round trip. Wasp's answers to what
// still fails carry no field name ({ message, data: { message } }): they are shown above the
// button; structured field errors (data.fieldErrors), when an answer has them, go under their
// fields.
export function SignupForm() {
  const [values, setValues] = useState<Values>({
    username: "",
    name: "",
    email: "",
    password: "",
  });
  const [signedUp, setSignedUp] = useState(false);
  const navigate = useNavigate();
  const id = useId();
  const set = (key: keyof Values) => (e: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [key]: e.target.value }));
  const signUp = useSubmit({
    schema: webSignupInput,
    run: async (data) => {
      // Wasp types each extra field as what its userSignupFields function returns; the handle's
      // is async (it checks availability), so its type reads Promise<string>, not string.
      await signup(data as unknown as Parameters<typeof signup>[0]);
      try {
        // Works at once when the email needs no verification (development); otherwise the
        // account waits for the emailed link and the success message says so.
        await login({ email: data.email, password: data.password });
        return "signed-in" as const;
      } catch {
        return "check-email" as const;
      }
    },
    fallback: "Could not sign up",
    fields: FIELDS,
  });
  const { busy, fieldErrors: errors } = signUp;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const done = await signUp.submit(values);
    if (!done.ok) return;
    if (done.value === "signed-in") navigate("/");
    else setSignedUp(true);
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
      <Field
        id={`${id}-username`}
        label="Username"
        hint="Your handle: 3–32 letters, digits, _ or -. Your profile lives at /@username."
        error={errors.username}
      >
        {(props) => (
          <input
            {...props}
            autoComplete="username"
            autoCapitalize="none"
            spellCheck={false}
            value={values.username}
            onChange={set("username")}
          />
        )}
      </Field>
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
      <FormEnd error={signUp.error} busy={busy} label="Sign up" busyLabel="Signing up…" />
    </form>
  );
}
