import { useId, useState, type FormEvent } from "react";
import { createPost, updatePost } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { useSubmit } from "../client/useSubmit";
import { createPostInput, type PostView } from "./posts.schemas";
import { FormEnd } from "../client/components/FormEnd";

const FIELDS = ["title", "content"] as const;

/** Writes a new post, or edits `post` when given (then `onDone` closes the editor). */
export function PostForm({ post, onDone }: { post?: PostView; onDone?: () => void }) {
  const [title, setTitle] = useState(post?.title ?? "");
  const [content, setContent] = useState(post?.content ?? "");
  const [saved, setSaved] = useState(false);
  const id = useId();
  const editing = Boolean(post);
  // Wasp invalidates the feed and post queries (same entities) once the action succeeds.
  const save = useSubmit({
    // The editor always sends both fields, so the rules are createPostInput's either way
    // (updatePostInput applies the same ones to each field it is given).
    schema: createPostInput,
    run: (input) => (post ? updatePost({ id: post.id, ...input }) : createPost(input)),
    fallback: "Could not save the post",
    fields: FIELDS,
  });
  const { busy: saving, fieldErrors: errors } = save;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const done = await save.submit({ title, content });
    if (!done.ok) return;
    if (post) {
      onDone?.();
    } else {
      setTitle("");
      setContent("");
      setSaved(true);
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
      <FormEnd
        error={save.error}
        busy={saving}
        label={editing ? "Save changes" : "Publish"}
        busyLabel={editing ? "Saving…" : "Publishing…"}
      >
        {onDone && (
          <button type="button" className="button secondary" onClick={onDone}>
            Cancel
          </button>
        )}
        <span role="status" className="muted">
          {saved ? "Published." : ""}
        </span>
      </FormEnd>
    </form>
  );
}
