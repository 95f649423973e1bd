import { getAuditEvents, useQuery } from "wasp/client/operations";
import { LoadError, Loading } from "../client/components/Status";
import { formatDate } from "../posts/PostMeta";

/** The most recent audit events, newest first. */
export function AuditPanel() {
  const events = useQuery(getAuditEvents, { limit: 30 });
  if (events.isLoading) return <Loading label="Loading events…" />;
  if (events.error || !events.data) return <LoadError error={events.error} what="the events" />;
  if (events.data.items.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="audit-list">
      {events.data.items.map((event) => (
        <li key={event.id}>
          <code className="audit-action">{event.action}</code>{" "}
          <span>
            {event.actor ? event.actor.name : "system"}
            {event.targetType && (
              <span className="muted">
                {" "}
                → {event.targetType} #{event.targetId}
              </span>
            )}
          </span>
          <time className="muted audit-time" dateTime={new Date(event.createdAt).toISOString()}>
            {formatDate(event.createdAt)}
          </time>
        </li>
      ))}
    </ol>
  );
}
