import { Navigate, useParams } from "react-router";
import { getUser, useQuery } from "wasp/client/operations";
import { LoadError, Loading } from "../client/components/Status";
import { statusOf } from "../client/errors";
import { usePageTitle } from "../client/usePageTitle";

/** /users/:id, the old profile address: finds the handle and moves on to /@username. */
export function UserRedirectPage() {
  const id = Number(useParams().id);
  const valid = Number.isSafeInteger(id) && id > 0;
  const user = useQuery(getUser, { id }, { enabled: valid });
  usePageTitle("Profile");
  if (!valid || statusOf(user.error) === 404) {
    return (
      <section className="card">
        <h1>User not found</h1>
      </section>
    );
  }
  if (user.isLoading) return <Loading label="Loading the profile…" />;
  if (user.error || !user.data) return <LoadError error={user.error} what="the profile" />;
  return <Navigate to={`/@${user.data.username}`} replace />;
}
