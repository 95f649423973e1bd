import { useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import { favoritePost, unfavoritePost } from "wasp/client/operations";
import { errorMessage } from "../client/errors";
import "./post-page.css";

type State = { favorited: boolean; count: number };

/**
 * Favourite / Favourited: flips at once (state and count), then settles on what the server
 * answers; a refusal puts back what was there and says why. Signed out, it offers to log in.
 */
export function FavoriteButton(props: {
  postId: number;
  favorited: boolean;
  count: number;
  signedIn: boolean;
}) {
  const [state, setState] = useState<State>({ favorited: props.favorited, count: props.count });
  const [error, setError] = useState<string | null>(null);
  const pending = useRef(false);

  // A refetched post (after this or another action) is the truth again.
  useEffect(() => {
    if (!pending.current) setState({ favorited: props.favorited, count: props.count });
  }, [props.favorited, props.count]);

  if (!props.signedIn) {
    return (
      <Link to="/login" className="button secondary favorite-button">
        Log in to favourite <span className="favorite-count">{props.count}</span>
      </Link>
    );
  }

  async function toggle() {
    if (pending.current) return;
    const before = state;
    pending.current = true;
    setError(null);
    setState({ favorited: !before.favorited, count: before.count + (before.favorited ? -1 : 1) });
    try {
      const run = before.favorited ? unfavoritePost : favoritePost;
      const post = await run({ id: props.postId });
      setState({ favorited: post.favorited, count: post.favoritesCount });
    } catch (e) {
      setState(before);
      const what = before.favorited ? "remove the favourite" : "favourite the post";
      setError(`Could not ${what}: ${errorMessage(e, "please try again")}`);
    } finally {
      pending.current = false;
    }
  }

  return (
    <div className="favorite">
      <button
        type="button"
        className={state.favorited ? "button favorite-button" : "button secondary favorite-button"}
        aria-pressed={state.favorited}
        onClick={toggle}
      >
        {state.favorited ? "Favourited" : "Favourite"}{" "}
        <span className="favorite-count">{state.count}</span>
      </button>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
