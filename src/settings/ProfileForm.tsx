import { useId, useState, type FormEvent } from "react";
import { updateAccount } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { FormEnd } from "../client/components/FormEnd";
import { useSubmit } from "../client/useSubmit";
import { updateAccountInput } from "../auth/auth.schemas";
import { BIO_MAX } from "../users/users.schemas";
import type { AccountSettings } from "./operations";

const FIELDS = ["username", "name", "bio", "image", "email"] as const;
type Values = Record<(typeof FIELDS)[number], string>;

const valuesOf = (a: AccountSettings): Values => ({
  username: a.username,
  name: a.name,
  bio: a.bio ?? "",
  image: a.image ?? "",
  email: a.email,
});

const isWebUrl = (value: string) => /^https?:\/\/[^\s/]+/i.test(value.trim());

/** Username, display name, bio, avatar and email; only what changed is sent. */
export function ProfileForm({ account }: { account: AccountSettings }) {
  const initial = valuesOf(account);
  const [values, setValues] = useState<Values>(initial);
  const [status, setStatus] = useState("");
  const id = useId();
  const save = useSubmit({
    schema: updateAccountInput,
    run: (changes) => updateAccount(changes),
    fallback: "Could not save your profile",
    fields: FIELDS,
  });
  const errors = save.fieldErrors;
  const set = (key: keyof Values, value: string) => {
    setStatus("");
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const changes = Object.fromEntries(
      FIELDS.filter((f) => values[f] !== initial[f]).map((f) => [f, values[f]]),
    );
    if (Object.keys(changes).length === 0) {
      save.reset();
      setStatus("Nothing to save.");
      return;
    }
    const done = await save.submit(changes);
    if (!done.ok) return;
    setStatus(
      changes.email && account.emailChangeNeedsVerification
        ? "Saved. Check your inbox to verify the new email address."
        : "Saved.",
    );
  }

  const avatar = values.image.trim();
  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>Profile</h2>
      <Field
        id={`${id}-username`}
        label="Username"
        hint={`Your profile is at /@${values.username.trim() || "username"}; changing it changes that address.`}
        error={errors.username}
      >
        {(props) => (
          <input
            {...props}
            autoComplete="username"
            value={values.username}
            onChange={(e) => set("username", e.target.value)}
          />
        )}
      </Field>
      <Field id={`${id}-name`} label="Display name" name="name" error={errors.name}>
        {(props) => (
          <input
            {...props}
            autoComplete="name"
            value={values.name}
            onChange={(e) => set("name", e.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${id}-bio`}
        label="Bio"
        hint={`${values.bio.length} of ${BIO_MAX} characters`}
        error={errors.bio}
      >
        {(props) => (
          <textarea
            {...props}
            rows={4}
            value={values.bio}
            onChange={(e) => set("bio", e.target.value)}
          />
        )}
      </Field>
      <Field
        id={`${id}-image`}
        label="Avatar URL"
        name="image"
        hint="An https:// address of a picture."
        error={errors.image}
      >
        {(props) => (
          <input
            {...props}
            type="url"
            inputMode="url"
            value={values.image}
            onChange={(e) => set("image", e.target.value)}
          />
        )}
      </Field>
      {isWebUrl(avatar) && (
        <img
          className="settings-avatar"
          src={avatar}
          alt="Avatar preview"
          width={72}
          height={72}
          referrerPolicy="no-referrer"
        />
      )}
      <Field
        id={`${id}-email`}
        label="Email"
        hint={
          account.emailChangeNeedsVerification
            ? "A new address must be verified: we email it a link, and it counts once you open it."
            : undefined
        }
        error={errors.email}
      >
        {(props) => (
          <input
            {...props}
            type="email"
            autoComplete="email"
            value={values.email}
            onChange={(e) => set("email", e.target.value)}
          />
        )}
      </Field>
      <FormEnd error={save.error} busy={save.busy} label="Save profile" busyLabel="Saving…">
        <span role="status" className="muted">
          {status}
        </span>
      </FormEnd>
    </form>
  );
}
