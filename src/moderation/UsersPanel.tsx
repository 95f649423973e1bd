import { useState } from "react";
import { Link } from "react-router";
import { useAuth } from "wasp/client/auth";
import { banUser, getUsers, unbanUser } from "wasp/client/operations";
import { PagedTable } from "../client/components/PagedTable";
import { useCursorPages } from "../client/useCursorPages";
import { ActionButton, ReasonAction } from "./ActionButton";
import { banUserInput } from "./moderation.schemas";
import { SearchBox } from "./SearchBox";

/** Users by name or email; ban (ends their sessions) or unban. Admins cannot be banned. */
export function UsersPanel() {
  const [q, setQ] = useState("");
  const { data: me } = useAuth();
  const users = useCursorPages(getUsers, { q: q || undefined });
  return (
    <div className="stack">
      <SearchBox label="Search users" onSearch={setQ} />
      <PagedTable
        pages={users}
        what="users"
        empty="No users match."
        caption="Users"
        columns={["User", "Role", "Status", "Actions"]}
        row={(user) => (
          <tr key={user.id}>
            <td data-label="User">
              <Link to={`/users/${user.id}`}>{user.name}</Link>
              <span className="muted cell-note wrap">{user.email}</span>
            </td>
            <td data-label="Role">{user.role === "ADMIN" ? "Admin" : "User"}</td>
            <td data-label="Status">
              {user.bannedAt ? <span className="badge">Banned</span> : "Active"}
            </td>
            <td data-label="Actions">
              <div className="cell-actions">
                {user.role === "ADMIN" || user.id === me?.id ? (
                  <span className="muted">—</span>
                ) : user.bannedAt ? (
                  <ActionButton
                    label="Unban"
                    ariaLabel={`Unban ${user.name}`}
                    run={() => unbanUser({ userId: user.id })}
                  />
                ) : (
                  <ReasonAction
                    label="Ban"
                    submitLabel="Ban user"
                    target={user.name}
                    reason={banUserInput.shape.reason}
                    run={(reason) => banUser({ userId: user.id, reason })}
                  />
                )}
              </div>
            </td>
          </tr>
        )}
      />
    </div>
  );
}
