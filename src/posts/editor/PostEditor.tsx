import { Suspense, useDeferredValue, useEffect, useId, useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { createPost, getTags, updatePost, useQuery } from "wasp/client/operations";
import { Field } from "../../client/components/Field";
import { FormEnd } from "../../client/components/FormEnd";
import { useSubmit } from "../../client/useSubmit";
import { Markdown, preloadMarkdown } from "../../markdown/Markdown";
import type { z } from "zod";
import {
  createPostInput,
  updatePostInput,
  type CreatePostInput,
  type PostView,
  type UpdatePostInput,
} from "../posts.schemas";
import { clearDraft, loadDraft, saveDraft, type Draft } from "./draft";
import { LeaveConfirm } from "./LeaveConfirm";
import { TagInput } from "./TagInput";
import { useUnsavedGuard } from "./useUnsavedGuard";
import "./editor.css";

const FIELDS = ["title", "description", "content", "tags"] as const;
const EMPTY: Draft = { title: "", description: "", content: "", tags: [] };

const fromPost = (post: PostView): Draft => ({
  title: post.title,
  description: post.description,
  content: post.content,
  tags: post.tags,
});

const sameTags = (a: string[], b: string[]) =>
  a.length === b.length && a.every((t, i) => t === b[i]);

// The preview's renderer downloads while the form loads, not on the first keystroke.
preloadMarkdown();

/** What an edit changes: only those fields are sent (updatePostInput refuses none). */
function changesOf(before: Draft, after: Draft) {
  return {
    title: after.title !== before.title ? after.title : undefined,
    description: after.description !== before.description ? after.description : undefined,
    content: after.content !== before.content ? after.content : undefined,
    tags: sameTags(after.tags, before.tags) ? undefined : after.tags,
  };
}

/** Writes a new post, or edits `post`; saving goes to the post's page. */
export function PostEditor({ post }: { post?: PostView }) {
  const initial = post ? fromPost(post) : EMPTY;
  // A new post starts from the draft this browser kept, if any.
  const [restored] = useState(() => (post ? null : loadDraft()));
  const [values, setValues] = useState<Draft>(restored ?? initial);
  const [notice, setNotice] = useState<string | null>(null);
  const [view, setView] = useState<"write" | "preview">("write");
  const tags = useQuery(getTags);
  const navigate = useNavigate();
  const id = useId();
  const preview = useDeferredValue(values.content);

  const changes = changesOf(initial, values);
  const dirty = Object.values(changes).some((v) => v !== undefined);
  const { blocker, release } = useUnsavedGuard(dirty);

  useEffect(() => {
    if (!post) saveDraft(values);
  }, [post, values]);

  // The server's schemas check the form: a new post whole, an edit by what it changes.
  const schema: z.ZodType<UpdatePostInput> = post ? updatePostInput : createPostInput;
  const save = useSubmit({
    schema,
    run: (input: UpdatePostInput) =>
      post ? updatePost({ id: post.id, ...input }) : createPost(input as CreatePostInput),
    fallback: "Could not save the post",
    fields: FIELDS,
  });
  const errors = save.fieldErrors;

  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setNotice(null);
    setValues((v) => ({ ...v, [key]: value }));
  };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (post && !dirty) {
      save.reset();
      setNotice("Nothing to save");
      return;
    }
    // Refused input shows the schema's own messages under the fields; the values stay as typed.
    const done = await save.submit(post ? changes : values);
    if (!done.ok) return;
    if (!post) clearDraft();
    release();
    navigate(`/posts/${done.value.id}`);
  }

  return (
    <form
      className="editor stack"
      onSubmit={onSubmit}
      noValidate
      aria-label={post ? "Edit post" : "New post"}
    >
      <h1>{post ? "Edit post" : "New post"}</h1>
      {restored && (
        <p role="status" className="muted">
          Draft restored: this browser kept what you were writing.
        </p>
      )}
      <LeaveConfirm blocker={blocker} />
      <Field id={`${id}-title`} label="Title" error={errors.title}>
        {(props) => (
          <input {...props} value={values.title} onChange={(e) => set("title", e.target.value)} />
        )}
      </Field>
      <Field
        id={`${id}-description`}
        label="Description"
        hint="Optional, shown in the feed."
        error={errors.description}
      >
        {(props) => (
          <input
            {...props}
            value={values.description}
            onChange={(e) => set("description", e.target.value)}
          />
        )}
      </Field>
      <div className="editor-tabs" role="tablist" aria-label="Write or preview">
        {(["write", "preview"] as const).map((tab) => (
          <button
            key={tab}
            type="button"
            role="tab"
            id={`${id}-tab-${tab}`}
            aria-selected={view === tab}
            aria-controls={`${id}-pane-${tab}`}
            onClick={() => setView(tab)}
          >
            {tab === "write" ? "Write" : "Preview"}
          </button>
        ))}
      </div>
      <div className="editor-panes">
        <div id={`${id}-pane-write`} className="editor-pane" data-active={view === "write"}>
          <Field
            id={`${id}-content`}
            label="Body"
            name="content"
            hint="Markdown: # headings, **bold**, lists, links, > quotes, ``` code."
            error={errors.content}
          >
            {(props) => (
              <textarea
                {...props}
                rows={16}
                value={values.content}
                onChange={(e) => set("content", e.target.value)}
              />
            )}
          </Field>
        </div>
        <section
          id={`${id}-pane-preview`}
          className="editor-pane editor-preview card"
          data-active={view === "preview"}
          aria-label="Preview"
        >
          {preview.trim() ? (
            <Suspense fallback={<p className="muted">Loading the preview…</p>}>
              <Markdown source={preview} />
            </Suspense>
          ) : (
            <p className="muted">Nothing to preview yet.</p>
          )}
        </section>
      </div>
      <TagInput
        id={`${id}-tags`}
        tags={values.tags}
        onChange={(next) => set("tags", next)}
        suggestions={tags.data?.tags ?? []}
        error={errors.tags}
      />
      <FormEnd
        error={save.error}
        busy={save.busy}
        label={post ? "Save changes" : "Save"}
        busyLabel="Saving…"
      >
        <span role="status" className="muted">
          {notice ?? ""}
        </span>
      </FormEnd>
    </form>
  );
}
