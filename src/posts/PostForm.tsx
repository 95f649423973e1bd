import { useId, useState, type FormEvent, type ReactNode } from "react";
import { createPost } from "wasp/client/operations";
import { CONTENT_MAX, TITLE_MAX } from "./limits";

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

export function PostForm() {
  const [title, setTitle] = useState("");
  const [content, setContent] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const id = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const found = validate(title, content);
    setErrors(found);
    setServerError(null);
    if (Object.keys(found).length > 0) return;
    setSaving(true);
    try {
      // Wasp invalidates the feed query (same entities) once the action succeeds.
      await createPost({ title, content });
      setTitle("");
      setContent("");
    } catch (error) {
      setServerError(error instanceof Error ? error.message : "Could not publish the post");
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="card stack" onSubmit={onSubmit} noValidate aria-label="New post">
      <h2>Write a post</h2>
      <Field id={`${id}-title`} label="Title" error={errors.title}>
        {(props) => <input {...props} value={title} onChange={(e) => setTitle(e.target.value)} />}
      </Field>
      <Field id={`${id}-content`} label="Content" error={errors.content}>
        {(props) => (
          <textarea
            {...props}
            rows={4}
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
      <div>
        <button type="submit" className="button" disabled={saving}>
          {saving ? "Publishing…" : "Publish"}
        </button>
      </div>
    </form>
  );
}

type FieldProps = {
  id: string;
  name: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
};

// The error sits outside the <label> so the field's accessible name stays just its label.
function Field(props: {
  id: string;
  label: string;
  error?: string;
  children: (inputProps: FieldProps) => ReactNode;
}) {
  const errorId = `${props.id}-error`;
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      {props.children({
        id: props.id,
        name: props.label.toLowerCase(),
        "aria-invalid": Boolean(props.error),
        "aria-describedby": props.error ? errorId : undefined,
      })}
      {props.error && (
        <span id={errorId} className="field-error">
          {props.error}
        </span>
      )}
    </div>
  );
}
