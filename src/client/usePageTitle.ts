import { useEffect } from "react";

/** Names the browser tab (and history entry) after the page: "<title> · Inkwell". */
export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = title ? `${title} · Inkwell` : "Inkwell";
  }, [title]);
}
