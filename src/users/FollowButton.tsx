import { useEffect, useState } from "react";
import { useAuth } from "wasp/client/auth";
import { followUser, unfollowUser } from "wasp/client/operations";
import { errorMessage } from "../client/errors";
import { LogInToFollow } from "./LogInToFollow";

/**
 * Follow / Following, optimistic: the button flips at once and the request follows; when the
 * server refuses, it flips back and says why. Signed out, it is a link to log in.
 */
export function FollowButton({ username, following }: { username: string; following: boolean }) {
  const { data: viewer, isLoading } = useAuth();
  const [on, setOn] = useState(following);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A refetched profile (after this or another tab's change) is the truth.
  useEffect(() => setOn(following), [following]);

  if (isLoading) return null;
  if (!viewer) return <LogInToFollow />;

  async function toggle() {
    const next = !on;
    setOn(next);
    setError(null);
    setBusy(true);
    try {
      await (next ? followUser : unfollowUser)({ username });
    } catch (refusal) {
      setOn(!next);
      setError(
        errorMessage(
          refusal,
          next ? `Could not follow @${username}` : `Could not unfollow @${username}`,
        ),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="follow">
      <button
        type="button"
        className={on ? "button secondary" : "button"}
        aria-pressed={on}
        onClick={toggle}
        disabled={busy}
      >
        {on ? "Following" : "Follow"}
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
