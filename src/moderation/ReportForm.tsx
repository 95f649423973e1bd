import { useId, useState, type FormEvent } from "react";
import { createReport } from "wasp/client/operations";
import { Field } from "../client/components/Field";
import { errorMessage } from "../client/errors";
import { REASON_MAX } from "./moderation.schemas";

/** "Report this post": folded away until asked for, so it stays out of the reader's way. */
export function ReportForm({ postId }: { postId: number }) {
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = useId();

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setDone(null);
    if (!reason.trim()) return setError("A reason is required");
    if (reason.trim().length > REASON_MAX) return setError(`At most ${REASON_MAX} characters`);
    setError(null);
    setBusy(true);
    try {
      const result = await createReport({ postId, reason });
      setDone(
        result.repeated
          ? "Your report was updated. Thank you."
          : "Thank you. An admin will review the post.",
      );
      setReason("");
    } catch (e) {
      setError(errorMessage(e, "Could not send the report"));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details className="card report">
      <summary>Report this post</summary>
      <form className="stack" onSubmit={onSubmit} noValidate aria-label="Report post">
        <Field id={`${id}-reason`} label="Reason" name="reason" error={error ?? undefined}>
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
          <button type="submit" className="button" disabled={busy}>
            {busy ? "Sending…" : "Send report"}
          </button>
        </div>
      </form>
    </details>
  );
}
