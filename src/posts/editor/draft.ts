// A new post's draft survives a crash, a closed tab or a lost session: it is kept in this
// browser's localStorage while it is written and dropped once the post is saved.
export type Draft = { title: string; description: string; content: string; tags: string[] };

const KEY = "inkwell:new-post-draft";

const isDraft = (value: unknown): value is Draft => {
  if (!value || typeof value !== "object") return false;
  const d = value as Record<string, unknown>;
  return (
    typeof d.title === "string" &&
    typeof d.description === "string" &&
    typeof d.content === "string" &&
    Array.isArray(d.tags) &&
    d.tags.every((t) => typeof t === "string")
  );
};

export const isBlank = (d: Draft) =>
  !d.title.trim() && !d.description.trim() && !d.content.trim() && d.tags.length === 0;

// Storage may be unavailable (private modes, quotas): the editor then works without drafts.
export function loadDraft(): Draft | null {
  try {
    const raw = localStorage.getItem(KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    return isDraft(parsed) && !isBlank(parsed) ? parsed : null;
  } catch {
    return null;
  }
}

export function saveDraft(draft: Draft) {
  try {
    if (isBlank(draft)) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, JSON.stringify(draft));
  } catch {
    // Nothing to do: the text is still in the form.
  }
}

export function clearDraft() {
  try {
    localStorage.removeItem(KEY);
  } catch {
    // As above.
  }
}
