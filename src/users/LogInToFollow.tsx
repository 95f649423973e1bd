import { Link } from "react-router";

/**
 * What a signed-out reader is offered in place of Follow. Its own module (no session, no
 * operations) so the server can render it too, in a post's first paint
 * (src/reading/serverPage.tsx): the byline keeps its height when the app takes over.
 */
export function LogInToFollow() {
  return (
    <Link to="/login" className="button">
      Log in to follow
    </Link>
  );
}
