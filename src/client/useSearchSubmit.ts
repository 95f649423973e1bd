import type { FormEvent } from "react";
import { useNavigate } from "react-router";

/**
 * Search forms are plain GET forms to /search (they work before the scripts load); once the app
 * runs, a submit navigates inside it instead of reloading the page.
 */
export function useSearchSubmit() {
  const navigate = useNavigate();
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const q = String(new FormData(event.currentTarget).get("q") ?? "").trim();
    if (q) navigate(`/search?q=${encodeURIComponent(q)}`);
  };
}
