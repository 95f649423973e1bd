import { useId, useState, type FormEvent } from "react";
import "./moderation.css";

/** A labelled search form; the list below it refetches with the submitted text. */
export function SearchBox({ label, onSearch }: { label: string; onSearch: (q: string) => void }) {
  const [text, setText] = useState("");
  const id = useId();
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    onSearch(text.trim());
  }
  return (
    <form role="search" className="search" onSubmit={onSubmit} aria-label={label}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        name="q"
        placeholder={label}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <button type="submit" className="button small secondary">
        Search
      </button>
    </form>
  );
}
