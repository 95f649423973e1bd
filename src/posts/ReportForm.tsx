import { useId, useState, type FormEvent } from "react";
import { createReport } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { useSubmit, type SchemaSource } from "../client/useSubmit";
import "./posts.css";

type Subject = { postId: number } | { commentId: number };
type Report = Subject & { reason: string };

const loadReportPostInput = () => import("./reports.schemas").then((m) => m.reportPostInput);

// How each kind of report sits on its page: a post's is a card below the article, a comment's a
// small fold inside the comment.
const LOOK = {
  post: { summary: "Report this post", className: "card report", rows: 3, button: "button" },
  comment: { summary: "Report", className: "comment-report", rows: 2, button: "button secondary" },
} as const;

/**
 * "Report": folded away until asked for, so it stays out of the reader's way. One form for a post
 * or a comment (the same createReport operation files both), checked first with the subject's
 * own schema: reportPostInput by default, the comment's passed in by the comments feature (both
 * imported on the first submit: the form sits on the post page, which should not wait for Zod).
 */
export function ReportForm({
  subject,
  schema = loadReportPostInput,
}: {
  subject: Subject;
  schema?: SchemaSource<Report>;
}) {
  const kind = "postId" in subject ? "post" : "comment";
  const look = LOOK[kind];
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const id = useId();
  const report = useSubmit({
    schema,
    run: (input) => createReport(input),
    fallback: "Could not send the report",
    fields: ["reason"],
  });
  // Anything not about the reason (the subject is gone, a network failure) is said there too.
  const error = report.fieldErrors.reason ?? report.error ?? undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const sent = await report.submit({ ...subject, reason });
    if (!sent.ok) return;
    setDone(
      sent.value.repeated
        ? "Your report was updated. Thank you."
        : `Thank you. An admin will review the ${kind}.`,
    );
    setReason("");
  }

  return (
    <details className={look.className}>
      <summary>{look.summary}</summary>
      <form className="stack" onSubmit={onSubmit} noValidate aria-label={`Report ${kind}`}>
        <Field id={`${id}-reason`} label="Reason" name="reason" error={error}>
          {(props) => (
            <textarea
              {...props}
              rows={look.rows}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <p role="status" className="muted status-line">
          {done ?? ""}
        </p>
        <div>
          <button type="submit" className={look.button} disabled={report.busy}>
            {report.busy ? "Sending…" : "Send report"}
          </button>
        </div>
      </form>
    </details>
  );
}
