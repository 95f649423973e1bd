import { useId, useState, type FormEvent } from "react";
import { createPost, updatePost } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { errorMessage, fieldErrorsOf } from "../client/errors";
import { CONTENT_MAX, TITLE_MAX } from "./limits";
import type { PostView } from "./posts.schemas";

type FieldErrors = Partial<Record<"title" | "content", string>>;

function validate(title: string, content: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!title.trim()) errors.title = "Title is required";
  else if (title.trim().length > TITLE_MAX) errors.title = `At most ${TITLE_MAX} characters`;
  if (!content.trim()) errors.content = "Content is required";
  else if (content.trim().length > CONTENT_MAX)
    errors.content = `At most ${CONTENT_MAX} characters`;
  return errors;
}

/** Writes a new post, or edits `post` when given (then `onDone` closes the editor). */
export function PostForm({ post, onDone }: { post?: PostView; onDone?: () => void }) {
  const [title, setTitle] = useState(post?.title ?? "");
  const [content, setContent] = useState(post?.content ?? "");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState(false);
  const id = useId();
  const editing = Boolean(post);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(title, content);
    setErrors(found);
    setServerError(null);
    setSaved(false);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      // Wasp invalidates the feed and post queries (same entities) once the action succeeds.
      if (post) {
        await updatePost({ id: post.id, title, content });
        onDone?.();
      } else {
        await createPost({ title, content });
        setTitle("");
        setContent("");
        setSaved(true);
      }
    } catch (error) {
      setErrors(fieldErrorsOf(error));
      setServerError(errorMessage(error, "Could not save the post"));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form
      className="card stack"
      onSubmit={onSubmit}
      noValidate
      aria-label={editing ? "Edit post" : "New post"}
    >
      <h2>{editing ? "Edit post" : "Write a post"}</h2>
      <Field id={`${id}-title`} label="Title" error={errors.title}>
        {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field id={`${id}-content`} label="Content" error={errors.content}>
        {(props) => (
          <textarea
            {...props}
            rows={editing ? 8 : 4}
            value={content}
            onChange={(e) => setContent(e.target.value)}
          />
        )}
      </Field>
      {serverError && (
        <p role="alert" className="field-error">
          {serverError}
        </p>
      )}
      <div className="actions">
        <button type="submit" className="button" disabled={saving}>
          {editing ? (saving ? "Saving…" : "Save changes") : saving ? "Publishing…" : "Publish"}
        </button>
        {onDone && (
          <button type="button" className="button secondary" onClick={onDone}>
            Cancel
          </button>
        )}
        <span role="status" className="muted">
          {saved ? "Published." : ""}
        </span>
      </div>
    </form>
  );
}
