import { useState, type FormEvent } from "react";
import { createPost } from "wasp/client/operations";
import { CONTENT_MAX, TITLE_MAX } from "./limits";

type FieldErrors = Partial<Record<"title" | "content", string>>;

function validate(title: string, content: string): FieldErrors {
  const errors: FieldErrors = {};
  if (!title.trim()) errors.title = "Title is required";
  else if (title.trim().length > TITLE_MAX) errors.title = `At most ${TITLE_MAX} characters`;
  if (!content.trim()) errors.content = "Content is required";
  else if (content.trim().length > CONTENT_MAX) errors.content = `At most ${CONTENT_MAX} characters`;
  return errors;
}

export function PostForm() {
  const [title, setTitle] = useState("");
  const [content, setContent] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

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
      <label className="field">
        <span>Title</span>
        <input
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-invalid={Boolean(errors.title)}
          aria-describedby={errors.title ? "title-error" : undefined}
        />
        {errors.title && (
          <span id="title-error" className="field-error">
            {errors.title}
          </span>
        )}
      </label>
      <label className="field">
        <span>Content</span>
        <textarea
          name="content"
          rows={4}
          value={content}
          onChange={(e) => setContent(e.target.value)}
          aria-invalid={Boolean(errors.content)}
          aria-describedby={errors.content ? "content-error" : undefined}
        />
        {errors.content && (
          <span id="content-error" className="field-error">
            {errors.content}
          </span>
        )}
      </label>
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
