import { useEffect, useId, useRef } from "react";
import type { Blocker } from "react-router";

/** The in-page question a held navigation asks: Stay (the default, focused) or Leave. */
export function LeaveConfirm({ blocker }: { blocker: Blocker }) {
  const stay = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  const blocked = blocker.state === "blocked";
  useEffect(() => {
    if (blocked) stay.current?.focus();
  }, [blocked]);
  if (!blocked) return null;
  return (
    <div
      className="card editor-confirm"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby={headingId}
      aria-describedby={`${headingId}-text`}
    >
      <h2 id={headingId}>Leave without saving?</h2>
      <p id={`${headingId}-text`}>Your changes to this post have not been saved.</p>
      <div className="actions">
        <button ref={stay} type="button" className="button" onClick={() => blocker.reset()}>
          Stay
        </button>
        <button type="button" className="button secondary" onClick={() => blocker.proceed()}>
          Leave
        </button>
      </div>
    </div>
  );
}
