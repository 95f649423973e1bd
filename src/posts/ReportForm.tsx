import { useId, useState, type FormEvent } from "react";
import { createReport } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { useSubmit } from "../client/useSubmit";
import { reportPostInput } from "./reports.schemas";
import "./posts.css";

/** "Report this post": folded away until asked for, so it stays out of the reader's way. */
export function ReportForm({ postId }: { postId: number }) {
  const [reason, setReason] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const id = useId();
  const report = useSubmit({
    schema: reportPostInput,
    run: (input) => createReport(input),
    fallback: "Could not send the report",
    fields: ["reason"],
  });
  // Anything not about the reason (the post is gone, a network failure) is said there too.
  const error = report.fieldErrors.reason ?? report.error ?? undefined;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    const sent = await report.submit({ postId, reason });
    if (!sent.ok) return;
    setDone(
      sent.value.repeated
        ? "Your report was updated. Thank you."
        : "Thank you. An admin will review the post.",
    );
    setReason("");
  }

  return (
    <details className="card report">
      <summary>Report this post</summary>
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Report post">
        <Field id={`${id}-reason`} label="Reason" name="reason" error={error}>
          {(props) => (
            <textarea
              {...props}
              rows={3}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          )}
        </Field>
        <p role="status" className="muted status-line">
          {done ?? ""}
        </p>
        <div>
          <button type="submit" className="button" disabled={report.busy}>
            {report.busy ? "Sending…" : "Send report"}
          </button>
        </div>
      </form>
    </details>
  );
}
