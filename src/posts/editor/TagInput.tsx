import { useId, useState, type KeyboardEvent } from "react";
import { tag as tagSchema } from "../posts.schemas";
import { TAGS_MAX } from "../limits";

/**
 * Tags as removable chips. Typing and Enter (or a comma) adds one, normalised and checked by
 * the server's own `tag` schema; suggestions are the site's tags that match what is typed.
 */
export function TagInput(props: {
  id: string;
  tags: string[];
  onChange: (tags: string[]) => void;
  suggestions: readonly string[];
  error?: string;
}) {
  const { tags, onChange } = props;
  const [text, setText] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const listId = useId();
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const shownError = problem ?? props.error;

  const typed = text.trim().toLowerCase().replace(/\s+/g, "-");
  const matches = props.suggestions
    .filter((s) => !tags.includes(s) && (typed === "" || s.includes(typed)))
    .slice(0, 10);

  function add(raw: string) {
    if (raw.trim() === "") return;
    const parsed = tagSchema.safeParse(raw);
    if (!parsed.success) {
      setProblem(parsed.error.issues[0]?.message ?? "Not a valid tag");
      return;
    }
    if (!tags.includes(parsed.data)) {
      if (tags.length >= TAGS_MAX) {
        setProblem(`At most ${TAGS_MAX} tags`);
        return;
      }
      onChange([...tags, parsed.data]);
    }
    setProblem(null);
    setText("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      // Enter would submit the whole form; a comma is a separator, never part of a tag.
      event.preventDefault();
      add(text);
    } else if (event.key === "Backspace" && text === "" && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  function onInput(value: string) {
    // Picking a datalist option fills the whole value in one go: add it at once.
    if (props.suggestions.includes(value) && !tags.includes(value)) {
      add(value);
      return;
    }
    if (value.includes(",")) {
      value.split(",").forEach((part) => add(part));
      return;
    }
    setProblem(null);
    setText(value);
  }

  return (
    <div className="field">
      <label htmlFor={props.id}>Tags</label>
      <span id={hintId} className="field-hint muted">
        Press Enter or comma to add a tag.
      </span>
      {tags.length > 0 && (
        <ul className="tag-chips" aria-label="Tags on this post">
          {tags.map((t) => (
            <li key={t} className="tag-chip">
              <span>{t}</span>
              <button
                type="button"
                className="tag-chip-remove"
                aria-label={`Remove tag ${t}`}
                onClick={() => onChange(tags.filter((x) => x !== t))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={props.id}
        name="tag"
        value={text}
        list={listId}
        autoComplete="off"
        aria-invalid={Boolean(shownError)}
        aria-describedby={shownError ? `${hintId} ${errorId}` : hintId}
        onChange={(e) => onInput(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => add(text)}
      />
      <datalist id={listId}>
        {matches.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      {shownError && (
        <span id={errorId} className="field-error">
          {shownError}
        </span>
      )}
    </div>
  );
}
