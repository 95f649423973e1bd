import type { ReactNode } from "react";
import { Link } from "react-router";
import type { AuthUser } from "wasp/auth";
import { AuditPanel } from "./AuditPanel";
import { CommentsPanel } from "./CommentsPanel";
import { PostsPanel } from "./PostsPanel";
import { ReportQueue } from "./ReportQueue";
import { UsersPanel } from "./UsersPanel";
import { usePageTitle } from "../client/usePageTitle";
import "./moderation.css";

// /admin. The role check here only spares non-admins a page of errors: every operation below
// refuses them on the server as well.
export function ModerationPage({ user }: { user: AuthUser }) {
  usePageTitle("Moderation");
  if (user.role !== "ADMIN") {
    return (
      <section className="card stack" aria-labelledby="not-allowed">
        <h1 id="not-allowed">Not allowed</h1>
        <p>Only admins can open the moderation page.</p>
        <p>
          <Link to="/">Back to the feed</Link>
        </p>
      </section>
    );
  }
  return (
    <div className="stack admin">
      <h1>Moderation</h1>
      <nav aria-label="Sections" className="jump-links">
        <a href="#reports-title">Reports</a>
        <a href="#posts-title">Posts</a>
        <a href="#comments-title">Comments</a>
        <a href="#users-title">Users</a>
        <a href="#audit-title">Recent events</a>
      </nav>
      <Panel id="reports" title="Open reports">
        <ReportQueue />
      </Panel>
      <Panel id="posts" title="Posts">
        <PostsPanel />
      </Panel>
      <Panel id="comments" title="Comments">
        <CommentsPanel />
      </Panel>
      <Panel id="users" title="Users">
        <UsersPanel />
      </Panel>
      <Panel id="audit" title="Recent events">
        <AuditPanel />
      </Panel>
    </div>
  );
}

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{title}</h2>
      {children}
    </section>
  );
}
