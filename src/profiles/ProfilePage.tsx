import { useId, useState, type FormEvent } from "react";
import { useParams } from "react-router";
import { useAuth } from "wasp/client/auth";
import { getUser, updateUser, useQuery } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { LoadError, Loading } from "../client/components/Status";
import { statusOf } from "../client/errors";
import { useSubmit } from "../client/useSubmit";
import { PostFeed } from "../posts/PostFeed";
import { formatDate } from "../client/format";
import { updateUserInput } from "../users/users.schemas";
import "./profiles.css";

export function ProfilePage() {
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const { data: viewer } = useAuth();
  const user = useQuery(getUser, { id }, { enabled: valid });
  if (!valid || statusOf(user.error) === 404) {
    return (
      <section className="card">
        <h1>User not found</h1>
      </section>
    );
  }
  if (user.isLoading) return <Loading label="Loading the profile…" />;
  if (user.error || !user.data) return <LoadError error={user.error} what="the profile" />;
  const own = viewer?.id === id;
  return (
    <div className="stack">
      <section className="card stack profile">
        <div>
          <h1>{user.data.name}</h1>
          <p className="muted">Member since {formatDate(user.data.createdAt)}</p>
          {"bannedAt" in user.data && user.data.bannedAt && (
            <p className="flag">This account is suspended.</p>
          )}
        </div>
        {own && <NameForm id={id} current={user.data.name} />}
      </section>
      <h2>{own ? "Your posts" : `Posts by ${user.data.name}`}</h2>
      <PostFeed authorId={id} label={`Posts by ${user.data.name}`} />
    </div>
  );
}

function NameForm({ id, current }: { id: number; current: string }) {
  const [name, setName] = useState(current);
  const [saved, setSaved] = useState(false);
  const formId = useId();
  const rename = useSubmit({
    schema: updateUserInput,
    run: (changes) => updateUser({ id, ...changes }),
    fallback: "Could not save the name",
    fields: ["name"],
  });
  // A refusal about the form as a whole (403, network) is said where the name's error goes.
  const error = rename.fieldErrors.name ?? rename.error ?? undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    if ((await rename.submit({ name })).ok) setSaved(true);
  }

  return (
    <form className="inline-form" onSubmit={onSubmit} noValidate aria-label="Your name">
      <Field id={`${formId}-name`} label="Display name" name="name" error={error}>
        {(props) => (
          <input
            {...props}
            autoComplete="name"
            value={name}
            onChange={(e) => setName(e.target.value)}
          />
        )}
      </Field>
      <button type="submit" className="button" disabled={rename.busy}>
        {rename.busy ? "Saving…" : "Save name"}
      </button>
      <p role="status" className="muted status-line">
        {saved ? "Saved." : ""}
      </p>
    </form>
  );
}
