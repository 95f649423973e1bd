import { getAuditEvents } from "wasp/client/operations";
import { LoadMore } from "../client/components/LoadMore";
import { LoadError, Loading } from "../client/components/Status";
import { useCursorPages } from "../client/useCursorPages";
import { formatDate } from "../client/format";

/** The most recent audit events, newest first. */
export function AuditPanel() {
  const events = useCursorPages(getAuditEvents, { limit: 30 });
  if (events.isLoading) return <Loading label="Loading events…" />;
  if (events.error) return <LoadError error={events.error} what="the events" />;
  if (events.items.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <>
      <ol className="audit-list">
        {events.items.map((event) => (
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
      <LoadMore
        hasMore={events.hasMore}
        loading={events.loadingMore}
        error={events.moreError}
        onClick={events.loadMore}
      />
    </>
  );
}
