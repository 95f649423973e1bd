import { useId, useState, type FormEvent } from "react";
import { createReport } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { useSubmit } from "../client/useSubmit";
import { reportCommentInput } from "./comments.schemas";

/**
 * "Report": folded away under the comment until asked for, like the post's ReportForm; the same
 * createReport operation files it, checked first with the comment report's own schema.
 */
export function CommentReport({ commentId }: { commentId: number }) {
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const id = useId();
  const report = useSubmit({
    schema: reportCommentInput,
    run: (input) => createReport(input),
    fallback: "Could not send the report",
    fields: ["reason"],
  });
  const error = report.fieldErrors.reason ?? report.error ?? undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const sent = await report.submit({ commentId, reason });
    if (!sent.ok) return;
    setDone(
      sent.value.repeated
        ? "Your report was updated. Thank you."
        : "Thank you. An admin will review the comment.",
    );
    setReason("");
  }

  return (
    <details className="comment-report">
      <summary>Report</summary>
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Report comment">
        <Field id={`${id}-reason`} label="Reason" name="reason" error={error}>
          {(props) => (
            <textarea
              {...props}
              rows={2}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <p role="status" className="muted status-line">
          {done ?? ""}
        </p>
        <div>
          <button type="submit" className="button secondary" disabled={report.busy}>
            {report.busy ? "Sending…" : "Send report"}
          </button>
        </div>
      </form>
    </details>
  );
}
