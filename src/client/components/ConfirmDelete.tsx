import { useState } from "react";
import { useSubmit } from "../useSubmit";

/**
 * "Delete" that asks once more in place (no browser dialog), keeping focus and keyboard flow:
 * the question with "Yes, delete" / "Keep it"; a refusal is said beside them.
 */
export function ConfirmDelete(props: {
  /** "Delete this post for good?" */
  question: string;
  /** The message when the server's error carries none. */
  fallback: string;
  run: () => Promise<unknown>;
  onDeleted: () => void;
  small?: boolean;
}) {
  const [confirming, setConfirming] = useState(false);
  const { submit, busy, error } = useSubmit({ run: props.run, fallback: props.fallback });
  const size = props.small ? " small" : "";

  async function remove() {
    if ((await submit(undefined)).ok) props.onDeleted();
  }

  if (!confirming) {
    return (
      <button
        type="button"
        className={`button danger secondary${size}`}
        onClick={() => setConfirming(true)}
      >
        Delete
      </button>
    );
  }
  return (
    <div className="confirm" role="group" aria-label="Confirm delete">
      <span>{props.question}</span>
      <button
        type="button"
        className={`button danger${size}`}
        onClick={remove}
        disabled={busy}
        autoFocus
      >
        {busy ? "Deleting…" : "Yes, delete"}
      </button>
      <button
        type="button"
        className={`button secondary${size}`}
        onClick={() => setConfirming(false)}
      >
        Keep it
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
