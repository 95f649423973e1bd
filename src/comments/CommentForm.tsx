import { useId, useState, type FormEvent } from "react";
import { createComment } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { FormEnd } from "../client/components/FormEnd";
import { useSubmit } from "../client/useSubmit";
import type { CommentView } from "./comments.schemas";

// Imported on the first submit: the post page shows without waiting for Zod (src/client/useSubmit.ts).
const loadCreateCommentInput = () => import("./comments.schemas").then((m) => m.createCommentInput);

/** Writing a comment: checked with the server's schema; the text stays if the server refuses. */
export function CommentForm(props: { postId: number; onCreated: (comment: CommentView) => void }) {
  const [body, setBody] = useState("");
  const id = useId();
  const send = useSubmit({
    schema: loadCreateCommentInput,
    run: (input) => createComment({ postId: props.postId, ...input }),
    fallback: "Could not post the comment",
    fields: ["body"],
  });

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const sent = await send.submit({ body });
    if (!sent.ok) return;
    setBody("");
    props.onCreated(sent.value);
  }

  return (
    <form className="stack comment-form" onSubmit={onSubmit} noValidate aria-label="New comment">
      <Field
        id={`${id}-body`}
        label="Your comment"
        name="body"
        hint="Markdown works here."
        error={send.fieldErrors.body}
      >
        {(inputProps) => (
          <textarea
            {...inputProps}
            rows={4}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
        )}
      </Field>
      <FormEnd error={send.error} busy={send.busy} label="Post comment" busyLabel="Posting…" />
    </form>
  );
}
